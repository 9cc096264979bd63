#include "export/internal.h"
#include "export/writer.h"

#include <cstdlib>

#include <fmt/format.h>

namespace tiltas::exporter {

std::optional<Format> parse_format(std::string_view name) {
  if (name == "iati") return Format::kIati;
  if (name == "360giving") return Format::kGiving360;
  if (name == "csv") return Format::kCsv;
  if (name == "xlsx") return Format::kXlsx;
  if (name == "jsonl") return Format::kJsonl;
  return std::nullopt;
}

std::string_view to_string(Format format) {
  switch (format) {
    case Format::kIati: return "iati";
    case Format::kGiving360: return "360giving";
    case Format::kCsv: return "csv";
    case Format::kXlsx: return "xlsx";
    case Format::kJsonl: return "jsonl";
  }
  return "";
}

std::string_view media_type(Format format) {
  switch (format) {
    case Format::kIati: return "application/xml";
    case Format::kGiving360: return "application/json";
    case Format::kCsv: return "text/csv; charset=utf-8";
    case Format::kXlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case Format::kJsonl: return "application/x-ndjson";
  }
  return "application/octet-stream";
}

std::string_view file_extension(Format format) {
  switch (format) {
    case Format::kIati: return ".xml";
    case Format::kGiving360: return ".json";
    case Format::kCsv: return ".csv";
    case Format::kXlsx: return ".xlsx";
    case Format::kJsonl: return ".jsonl";
  }
  return "";
}

namespace internal {

std::string decimal(std::int64_t minor_units) {
  // Exact: minor units are integers, so no floating point rounding enters.
  std::int64_t a = minor_units < 0 ? -minor_units : minor_units;
  return fmt::format("{}{}.{:02}", minor_units < 0 ? "-" : "", a / 100, a % 100);
}

std::string number(double value) {
  // Shortest text that reads back to the same double; integers without ".0".
  if (value == static_cast<double>(static_cast<long long>(value)) && std::abs(value) < 1e15) {
    return fmt::format("{}", static_cast<long long>(value));
  }
  return fmt::format("{}", value);
}

std::string participant_name(const ExportRecord& record, const model::Participation& p) {
  if (!p.name.empty()) return p.name;
  if (const auto* org = record.organisation_of(p)) return org->display_name;
  return {};
}

std::optional<std::string> organisation_ref(const ExportRecord& record, const model::Participation& p) {
  const auto* org = record.organisation_of(p);
  if (!org || org->identifiers.empty()) return std::nullopt;
  const auto& id = org->identifiers.front();
  return id.scheme + "-" + id.value;
}

std::string date_part(std::string_view datetime) {
  return std::string(datetime.substr(0, std::min<std::size_t>(10, datetime.size())));
}

std::vector<std::string> languages_in_order(const model::Project& project) {
  // The record's own language first, then the translations alphabetically,
  // so that every format lists texts in the same, stable order.
  std::vector<std::string> out;
  auto add = [&](const std::string& lang) {
    for (const auto& l : out) if (l == lang) return;
    out.push_back(lang);
  };
  if (project.titles.get(project.default_language) || project.descriptions.get(project.default_language)) {
    add(project.default_language);
  }
  for (const auto& [lang, _] : project.titles.all()) add(lang);
  for (const auto& [lang, _] : project.descriptions.all()) add(lang);
  return out;
}

}  // namespace internal
}  // namespace tiltas::exporter
