// The registry's records: a Project and the facts read about it.
//
// Plain value types with no I/O. Every fact carries the span of the source
// text it was read from (when it was read from text) so that reviewers can
// check it against the highlighted page.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/partial_date.h"
#include "model/enums.h"
#include "model/localized_text.h"
#include "model/source_span.h"

namespace tiltas::model {

using Id = std::int64_t;

struct Period {
  std::optional<PartialDate> start;
  std::optional<PartialDate> end;
  bool empty() const { return !start && !end; }
  bool operator==(const Period&) const = default;
};

// Money in minor units (cents) so that sums and comparisons are exact.
struct Amount {
  std::int64_t minor_units = 0;
  std::string currency;  // ISO 4217
  AmountKind kind = AmountKind::kOther;
  OptionalSpan span;

  double value() const { return static_cast<double>(minor_units) / 100.0; }
  bool operator==(const Amount&) const = default;
};

// An organisation taking part in a project, as the text states it. The
// organisation_id links it to the deduplicated Organisation once stored.
struct Participation {
  std::string name;                     // as written, without "(Country)"
  std::optional<std::string> country;   // ISO 3166-1 alpha-2, as stated or implied
  Role role = Role::kPartner;
  std::optional<Id> organisation_id;
  OptionalSpan span;
  bool operator==(const Participation&) const = default;
};

struct Activity {
  std::string code;  // "1.1", as written
  std::string title;
  OptionalSpan span;
  bool operator==(const Activity&) const = default;
};

struct Event {
  std::optional<std::string> title;
  std::optional<std::string> place;
  std::optional<std::string> country;
  std::optional<PartialDate> start;
  std::optional<PartialDate> end;
  OptionalSpan span;
  bool operator==(const Event&) const = default;
};

struct Indicator {
  double value = 0;
  std::string unit;
  IndicatorStatus status = IndicatorStatus::kUnknown;
  OptionalSpan span;
  bool operator==(const Indicator&) const = default;
};

struct Place {
  std::string name;
  std::optional<std::string> country;
  OptionalSpan span;
  bool operator==(const Place&) const = default;
};

// Something the extractor or importer wants a reviewer to know: an ambiguity
// and how it was decided, a value it could not read.
struct Finding {
  std::string field;  // "period.start", "organisations[2].country", ""
  Severity severity = Severity::kInfo;
  std::string message;
  OptionalSpan span;
  bool operator==(const Finding&) const = default;
};

struct Project {
  Id id = 0;  // 0 until stored
  ProjectKind kind = ProjectKind::kProject;
  std::string default_language;  // ISO 639-1 of the source text
  LocalizedText titles;
  LocalizedText descriptions;
  std::optional<std::string> programme;  // English name of the fund/programme
  ProjectStatus status = ProjectStatus::kUnknown;
  Period period;
  std::vector<Amount> amounts;
  std::vector<Participation> participations;
  std::vector<Activity> activities;
  std::vector<Event> events;
  std::vector<Indicator> indicators;
  std::vector<Place> places;
  ReviewState review_state = ReviewState::kDraft;
  std::optional<std::string> notes;
  // Spans of scalar fields: "title", "programme", "period", "period.start",
  // "period.end", "description".
  std::map<std::string, SourceSpan> spans;
  std::vector<Finding> findings;
  // Provenance: the document the record was read from, and its position
  // among that document's records (0-based).
  std::optional<Id> document_id;
  int ordinal = 0;
  // Translations: one project published in several languages is one group.
  // The group's first record is its primary (translation_of empty); the
  // others name it. Titles and descriptions of the whole group are merged
  // into each member's LocalizedText when read from the store.
  std::optional<Id> translation_of;
  std::vector<Id> translations;  // members other than this one, when read
  // 1 for a first import; +1 each time a changed source page is imported
  // again and this record is read anew from it.
  int revision = 1;
  std::string created_at;  // ISO 8601 UTC, set by the store
  std::string updated_at;

  // The title in the record's own language, if any.
  std::optional<std::string> title() const { return titles.get(default_language); }
  bool operator==(const Project&) const = default;
};

// True when two records state the same facts, whatever their ids, spans,
// findings, timestamps, review state and provenance: a page re-imported with
// only layout changes yields the same facts.
bool same_facts(const Project& a, const Project& b);

struct OrganisationIdentifier {
  std::string scheme;  // e.g. "LT-RC" (Lithuanian register of legal entities), "NO-BRC"
  std::string value;
  bool operator==(const OrganisationIdentifier&) const = default;
};

// A deduplicated organisation. cluster_id groups organisations that were
// merged (the cluster's id is its surviving member); merges stay reversible.
struct Organisation {
  Id id = 0;
  LocalizedText names;
  std::string display_name;  // the first name it was seen under
  std::optional<std::string> country;
  std::vector<OrganisationIdentifier> identifiers;
  std::optional<Id> cluster_id;
  bool operator==(const Organisation&) const = default;
};

// A source: one file or page, stored once per content hash.
struct Document {
  Id id = 0;
  std::string source;     // path or URL as given
  std::string name;       // file name without its extension(s), for exports
  std::string sha256;
  std::string language;   // ISO 639-1 or ""
  std::string media_type; // "text/plain", "text/html", "application/pdf", "application/json"
  std::string text;       // the text spans point into
  std::string imported_at;
  bool operator==(const Document&) const = default;
};

}  // namespace tiltas::model
