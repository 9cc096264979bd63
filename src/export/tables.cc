#include "export/tables.h"

#include <fmt/format.h>

#include "export/internal.h"

namespace tiltas::exporter::tables {
namespace {

Cell text(std::string s) { return {std::move(s), false}; }
Cell text(const std::optional<std::string>& s) { return {s.value_or(""), false}; }
Cell num(std::string s) { return {std::move(s), true}; }

}  // namespace

const char* table_name(Table table) {
  switch (table) {
    case Table::kProjects: return "projects";
    case Table::kParticipations: return "participations";
    case Table::kIndicators: return "indicators";
    case Table::kOrganisations: return "organisations";
  }
  return "";
}

const std::vector<std::string>& columns(Table table) {
  static const std::vector<std::string> kProjects{
      "id",         "kind",    "language", "title",    "description", "programme",    "status",
      "period_start", "period_end", "budget", "granted", "currency", "review_state", "updated_at"};
  static const std::vector<std::string> kParticipations{"project_id", "position", "name", "country", "role",
                                                        "organisation_id"};
  static const std::vector<std::string> kIndicators{"project_id", "position", "value", "unit", "status"};
  static const std::vector<std::string> kOrganisations{"id", "name", "country", "identifiers"};
  switch (table) {
    case Table::kProjects: return kProjects;
    case Table::kParticipations: return kParticipations;
    case Table::kIndicators: return kIndicators;
    case Table::kOrganisations: return kOrganisations;
  }
  return kProjects;
}

Row project_row(const ExportRecord& record) {
  const model::Project& p = record.project;
  // One budget and one granted figure fit a row; the first of each kind is
  // the headline figure pages state (the full list is in JSONL and IATI).
  std::string budget, granted, currency;
  for (const auto& a : p.amounts) {
    if (a.kind == model::AmountKind::kBudget && budget.empty()) budget = internal::decimal(a.minor_units);
    if (a.kind == model::AmountKind::kGranted && granted.empty()) granted = internal::decimal(a.minor_units);
    if (currency.empty() && a.kind != model::AmountKind::kOther) currency = a.currency;
  }
  return {num(std::to_string(p.id)),
          text(std::string(model::to_string(p.kind))),
          text(p.default_language),
          text(p.titles.get(p.default_language)),
          text(p.descriptions.get(p.default_language)),
          text(p.programme),
          text(std::string(model::to_string(p.status))),
          text(p.period.start ? p.period.start->to_iso() : ""),
          text(p.period.end ? p.period.end->to_iso() : ""),
          num(budget),
          num(granted),
          text(currency),
          text(std::string(model::to_string(p.review_state))),
          text(p.updated_at)};
}

std::vector<Row> participation_rows(const ExportRecord& record) {
  std::vector<Row> rows;
  const auto& parts = record.project.participations;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& part = parts[i];
    rows.push_back({num(std::to_string(record.project.id)), num(std::to_string(i + 1)),
                    text(internal::participant_name(record, part)), text(part.country),
                    text(std::string(model::to_string(part.role))),
                    num(part.organisation_id ? std::to_string(*part.organisation_id) : "")});
  }
  return rows;
}

std::vector<Row> indicator_rows(const ExportRecord& record) {
  std::vector<Row> rows;
  const auto& inds = record.project.indicators;
  for (std::size_t i = 0; i < inds.size(); ++i) {
    rows.push_back({num(std::to_string(record.project.id)), num(std::to_string(i + 1)),
                    num(internal::number(inds[i].value)), text(inds[i].unit),
                    text(std::string(model::to_string(inds[i].status)))});
  }
  return rows;
}

Row organisation_row(const model::Organisation& org) {
  std::string ids;
  for (const auto& id : org.identifiers) {
    if (!ids.empty()) ids += "; ";
    ids += id.scheme + "-" + id.value;
  }
  return {num(std::to_string(org.id)), text(org.display_name), text(org.country), text(ids)};
}

std::string neutralise(const std::string& s) {
  std::size_t i = s.find_first_not_of('\'');
  if (i == std::string::npos) return s;
  char c = s[i];
  if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') return "'" + s;
  return s;
}

}  // namespace tiltas::exporter::tables
