// 360Giving Data Standard JSON package (../shared/standards/360giving,
// schema 1.4): {"version", ..., "grants": [...]}, streamed one grant at a
// time.
//
// A 360Giving grant requires id, title, description, currency,
// amountAwarded, awardDate, recipientOrganization and fundingOrganization.
// Records that cannot supply them (no granted amount, no promoter, no funder
// or programme, no start date) are left out and counted in notes(): the
// package stays valid rather than padded with invented values.
//
// Mapping: id "<giving360_prefix>-<project id>"; title and description in
// the record's language (description "" when none is stated); currency and
// amountAwarded from the first granted amount (amountAppliedFor is unknown
// to the registry); awardDate is the first day of the period's start, the
// closest date the registry knows (the award precedes it); plannedDates or
// actualDates from the period (360Giving accepts "YYYY" and "YYYY-MM", so
// partial dates stay partial); recipientOrganization from the promoter(s),
// fundingOrganization from the funders; grantProgramme from the programme;
// beneficiaryLocation from the places; dateModified from updated_at.
// Organisation ids: "SCHEME-VALUE" of the first identifier, else
// "<giving360_prefix>-org-<organisation id>", else (not linked)
// "<giving360_prefix>-org-<project id>-<participation index>".
#pragma once

#include <memory>
#include <ostream>

#include "export/writer.h"

namespace tiltas::exporter {

// Writes to `out`, which must outlive the writer.
std::unique_ptr<RecordWriter> make_giving360_writer(std::ostream& out, const ExportOptions& options);

}  // namespace tiltas::exporter
