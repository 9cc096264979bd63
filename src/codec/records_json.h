// The records JSON format of ../shared/corpus/GUIDELINES.md, read and written.
//
// A file holds one source's records: {"language", "records": [...]}. Tiltas
// adds optional keys that the scorer ignores: "source", and on records
// "description", "kind", "translations", "notes", "spans", "findings",
// "id", "review_state" and, on list items, "span" ([start, end) byte offsets).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "model/project.h"

namespace tiltas::codec {

struct RecordsFile {
  std::string language;               // ISO 639-1 of the source text, may be ""
  std::optional<std::string> source;  // where the text came from, if stated
  std::vector<model::Project> records;
  // Non-fatal remarks while reading ("records[0]: unknown field 'foo'").
  std::vector<std::string> warnings;
};

// Parses a records file. `file_name` only labels messages.
// Errors (kInvalidArgument, nothing partially returned):
//  - malformed JSON: "FILE:LINE:COLUMN: <parser message>";
//  - a wrong type or value: message names the record and field, with
//    Error::field set to e.g. "records[2].period.start".
// Unknown keys are reported in `warnings`, not as errors.
Result<RecordsFile> parse_records(std::string_view json_text, std::string_view file_name);

struct WriteOptions {
  bool spans = true;          // include "span"/"spans"
  bool findings = true;       // include "findings"
  bool registry_keys = false; // include "id", "review_state", "document_id"
};

// One record object (GUIDELINES keys first).
nlohmann::ordered_json record_to_json(const model::Project& project, const WriteOptions& options = {});
// A whole records file, pretty-printed with one-space indent, UTF-8.
std::string write_records(const RecordsFile& file, const WriteOptions& options = {});

// Editing a record through its JSON shape. A patch is an object of record
// keys (the GUIDELINES keys plus description, kind, status, notes and
// translations) with their new values; null clears a field. The result is
// `project` with those fields replaced and validated exactly as an import
// would validate them; spans of replaced fields are dropped (an editor's
// value has no source span), everything else (id, review state, provenance,
// spans of other fields) is kept.
// kInvalidArgument names the field: an unknown key, a wrong type or value.
Result<model::Project> apply_record_patch(const model::Project& project, const nlohmann::json& patch);

// The record keys a patch may carry, in GUIDELINES order.
const std::vector<std::string>& editable_record_keys();

// One editable field whose value differs between two records.
struct FieldChange {
  std::string field;         // a record key ("period", "organisations", ...)
  nlohmann::json old_value;  // as in the record JSON, without spans
  nlohmann::json new_value;
};

// The editable fields whose values differ, in editable_record_keys() order.
std::vector<FieldChange> diff_records(const model::Project& before, const model::Project& after);

// The value of one editable field as record JSON, without spans.
nlohmann::json record_field(const model::Project& project, const std::string& key);

// An Organisation as a JSON object (API, exports).
nlohmann::ordered_json organisation_to_json(const model::Organisation& org);


}  // namespace tiltas::codec
