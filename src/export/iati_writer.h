// IATI Activity Standard 2.03 XML (../shared/standards/iati-2.03).
//
// One <iati-activity> per project, streamed: the root element is opened on
// construction, each activity is built as a small pugixml tree, printed and
// dropped, and finish() closes the root. Element order follows the XSD
// sequence of iati-activity.
//
// Mapping (why each choice is in iati_writer.cc):
//   iati-identifier   "<publisher_ref>-<project id>"; publisher_ref defaults
//                     to "XM-TILTAS" (ExportOptions), Tiltas being a
//                     secondary reporter until it registers a publisher id
//   title/description a narrative per language, each with xml:lang
//   participating-org funder -> 1 Funding; promoter, partner, other -> 4
//                     Implementing (OrganisationRole codelist)
//   activity-status   planned 1, ongoing 2, completed 4; unknown -> derived
//                     from the period and the export date
//   activity-date     1/2 start, 3/4 end (planned/actual by status); partial
//                     dates become their first (start) or last (end) day with
//                     a narrative stating the precision
//   budget            budget amounts over the project period
//   transaction       granted amounts as 2 Outgoing Commitment, funder to
//                     promoter
//   recipient-country countries of the places, else of the promoter
//   location          one per place (GeographicVocabulary A4 = ISO country)
//   result            one output result; an indicator per stated figure:
//                     planned -> target, achieved -> actual
// Facts IATI has no element for (kind, programme, work packages, events,
// exact partial dates, Tiltas roles) go into attributes and elements of the
// namespace kTiltasIatiNamespace, which the schema allows everywhere and
// other consumers ignore; the IATI reader uses them for an exact round trip.
#pragma once

#include <memory>
#include <ostream>

#include "export/writer.h"

namespace tiltas::exporter {

inline constexpr const char* kTiltasIatiNamespace = "https://tiltas.eu/ns/iati-extension/1";

// Writes to `out`, which must outlive the writer. The XML declaration and the
// opening <iati-activities> go out immediately.
std::unique_ptr<RecordWriter> make_iati_writer(std::ostream& out, const ExportOptions& options);

}  // namespace tiltas::exporter
