#include "model/validation.h"

#include <cmath>

#include <fmt/format.h>

#include "base/country.h"
#include "base/currency.h"
#include "base/text.h"

namespace tiltas::model {
namespace {

void check_country(std::vector<ValidationProblem>& out, const std::string& field,
                   const std::optional<std::string>& country) {
  if (country && !is_iso3166_country(*country)) {
    out.push_back({field, fmt::format("'{}' is not an ISO 3166-1 alpha-2 country code", *country)});
  }
}

}  // namespace

bool is_language_code(std::string_view code) {
  if (code.size() != 2) return false;
  return code[0] >= 'a' && code[0] <= 'z' && code[1] >= 'a' && code[1] <= 'z';
}

std::vector<ValidationProblem> validate(const Project& p) {
  std::vector<ValidationProblem> out;
  if (!p.default_language.empty() && !is_language_code(p.default_language)) {
    out.push_back({"language", fmt::format("'{}' is not an ISO 639-1 language code", p.default_language)});
  }
  for (const auto& [lang, _] : p.titles.all()) {
    if (!is_language_code(lang)) out.push_back({"title", fmt::format("'{}' is not a language code", lang)});
  }
  if (p.period.start && p.period.end && p.period.start->first_day() > p.period.end->last_day()) {
    out.push_back({"period", fmt::format("start {} is after end {}", p.period.start->to_iso(),
                                         p.period.end->to_iso())});
  }
  for (std::size_t i = 0; i < p.amounts.size(); ++i) {
    const auto& a = p.amounts[i];
    if (!is_iso4217_currency(a.currency)) {
      out.push_back({fmt::format("amounts[{}].currency", i),
                     fmt::format("'{}' is not an ISO 4217 currency code", a.currency)});
    }
    if (a.minor_units < 0) out.push_back({fmt::format("amounts[{}].value", i), "amount is negative"});
  }
  for (std::size_t i = 0; i < p.participations.size(); ++i) {
    const auto& o = p.participations[i];
    if (text::trim(o.name).empty()) {
      out.push_back({fmt::format("organisations[{}].name", i), "organisation name is empty"});
    }
    check_country(out, fmt::format("organisations[{}].country", i), o.country);
  }
  for (std::size_t i = 0; i < p.activities.size(); ++i) {
    if (text::trim(p.activities[i].code).empty()) {
      out.push_back({fmt::format("activities[{}].code", i), "activity code is empty"});
    }
  }
  for (std::size_t i = 0; i < p.events.size(); ++i) {
    const auto& e = p.events[i];
    check_country(out, fmt::format("events[{}].country", i), e.country);
    if (e.start && e.end && e.start->first_day() > e.end->last_day()) {
      out.push_back({fmt::format("events[{}]", i),
                     fmt::format("start {} is after end {}", e.start->to_iso(), e.end->to_iso())});
    }
  }
  for (std::size_t i = 0; i < p.indicators.size(); ++i) {
    const auto& ind = p.indicators[i];
    if (!std::isfinite(ind.value)) {
      out.push_back({fmt::format("indicators[{}].value", i), "indicator value is not a finite number"});
    }
  }
  for (std::size_t i = 0; i < p.places.size(); ++i) {
    if (text::trim(p.places[i].name).empty()) {
      out.push_back({fmt::format("places[{}].name", i), "place name is empty"});
    }
    check_country(out, fmt::format("places[{}].country", i), p.places[i].country);
  }
  return out;
}

Status check(const Project& project, const std::string& where) {
  auto problems = validate(project);
  if (problems.empty()) return ok();
  const auto& first = problems.front();
  std::string field = where.empty() ? first.field : where + "." + first.field;
  return invalid_argument(first.message, field);
}

}  // namespace tiltas::model
