#include "ingest/csv_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "base/country.h"
#include "base/text.h"

namespace tiltas::ingest {
namespace {

// Column access by name for one table, with the FILE:LINE context errors need.
class Columns {
 public:
  Columns(const CsvTable& table, std::string_view file_name, const std::vector<std::string>& known,
          std::vector<std::string>* warnings)
      : file_(file_name) {
    for (std::size_t i = 0; i < table.header.size(); ++i) {
      std::string name(text::trim(table.header[i]));
      index_[name] = i;
      if (warnings && std::find(known.begin(), known.end(), name) == known.end()) {
        warnings->push_back(fmt::format("{}: unknown column '{}' ignored", file_name, name));
      }
    }
  }
  bool has(const std::string& name) const { return index_.count(name) > 0; }

  // The cell, trimmed and un-neutralised; std::nullopt when blank or absent.
  std::optional<std::string> get(const std::vector<std::string>& row, const std::string& name) const {
    auto it = index_.find(name);
    if (it == index_.end() || it->second >= row.size()) return std::nullopt;
    std::string v = unneutralise(text::trim(row[it->second]));
    if (v.empty()) return std::nullopt;
    return v;
  }

  tl::unexpected<Error> bad(std::size_t line, const std::string& column, const std::string& message) const {
    return invalid_argument(fmt::format("{}:{}: column '{}': {}", file_, line, column, message), column);
  }

 private:
  std::string file_;
  std::map<std::string, std::size_t> index_;
};

Result<std::int64_t> integer(const Columns& c, std::size_t line, const std::string& column, const std::string& v) {
  std::int64_t out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  // Spreadsheets turn 12 into "12.0" or "12.00": accept an all-zero fraction.
  if (ec == std::errc() && p != v.data() + v.size() && *p == '.' &&
      std::all_of(p + 1, v.data() + v.size(), [](char ch) { return ch == '0'; })) {
    p = v.data() + v.size();
  }
  if (ec != std::errc() || p != v.data() + v.size()) return c.bad(line, column, fmt::format("'{}' is not a whole number", v));
  return out;
}

Result<double> decimal(const Columns& c, std::size_t line, const std::string& column, const std::string& v) {
  double out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size() || !std::isfinite(out)) {
    return c.bad(line, column, fmt::format("'{}' is not a number", v));
  }
  return out;
}

Result<std::int64_t> money(const Columns& c, std::size_t line, const std::string& column, const std::string& v) {
  auto d = decimal(c, line, column, v);
  if (!d) return unexpected(d.error());
  if (*d < 0) return c.bad(line, column, "amount is negative");
  return static_cast<std::int64_t>(std::llround(*d * 100.0));
}

const std::vector<std::string> kProjectColumns{"id",         "kind",       "language", "title",   "description",
                                               "programme",  "status",     "period_start", "period_end", "budget",
                                               "granted",    "currency",   "review_state", "updated_at"};
const std::vector<std::string> kParticipationColumns{"project_id", "position", "name", "country", "role",
                                                     "organisation_id"};
const std::vector<std::string> kIndicatorColumns{"project_id", "position", "value", "unit", "status"};

// The rows of a long table, grouped by project and ordered by position.
// read_row gives the item and whether its role (status) cell was filled in.
template <typename Item, typename ReadRow>
Status attach(std::string_view text, std::string_view file_name, const std::vector<std::string>& known,
              CsvProjects& projects, ReadRow read_row, std::vector<Item> ProjectPatch::*member,
              std::vector<bool> ProjectPatch::*given) {
  auto table = parse_csv(text, file_name);
  if (!table) return unexpected(table.error());
  Columns c(*table, file_name, known, &projects.warnings);
  if (!c.has("project_id")) return invalid_argument(fmt::format("{}: no project_id column", file_name), "project_id");
  std::map<model::Id, ProjectPatch*> by_id;
  for (auto& row : projects.rows) {
    if (row.id) by_id[*row.id] = &row;
  }
  std::map<model::Id, std::vector<std::pair<std::int64_t, std::pair<Item, bool>>>> items;
  std::set<model::Id> unknown;
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    std::size_t line = table->lines[r];
    auto pid = c.get(row, "project_id");
    if (!pid) return c.bad(line, "project_id", "is blank");
    auto id = integer(c, line, "project_id", *pid);
    if (!id) return unexpected(id.error());
    std::int64_t position = static_cast<std::int64_t>(r);
    if (auto pos = c.get(row, "position")) {
      auto p = integer(c, line, "position", *pos);
      if (!p) return unexpected(p.error());
      position = *p;
    }
    auto item = read_row(c, row, line);
    if (!item) return unexpected(item.error());
    if (!by_id.count(*id)) {
      unknown.insert(*id);
      continue;
    }
    items[*id].emplace_back(position, std::move(*item));
  }
  for (auto& [id, list] : items) {
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [_, item] : list) {
      (by_id[id]->*member).push_back(std::move(item.first));
      (by_id[id]->*given).push_back(item.second);
    }
  }
  for (auto id : unknown) {
    projects.warnings.push_back(fmt::format("{}: rows of project {} ignored: no such row in the projects table", file_name, id));
  }
  return ok();
}

}  // namespace

std::string unneutralise(std::string_view cell) {
  if (cell.empty() || cell.front() != '\'') return std::string(cell);
  std::size_t i = cell.find_first_not_of('\'');
  if (i == std::string_view::npos) return std::string(cell);
  char c = cell[i];
  if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') return std::string(cell.substr(1));
  return std::string(cell);
}

Result<CsvTable> parse_csv(std::string_view text, std::string_view file_name) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  CsvTable table;
  std::vector<std::string> row;
  std::string field;
  std::size_t line = 1, row_line = 1;
  bool quoted = false, field_started = false, after_quote = false;
  auto end_field = [&] {
    row.push_back(std::move(field));
    field.clear();
    field_started = false;
    after_quote = false;
  };
  auto end_row = [&] {
    end_field();
    bool blank = row.size() == 1 && row[0].empty();
    if (!blank) {
      if (table.header.empty()) {
        table.header = std::move(row);
      } else {
        table.rows.push_back(std::move(row));
        table.lines.push_back(row_line);
      }
    }
    row.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        if (ch == '\n') ++line;
        field += ch;
      }
      continue;
    }
    if (ch == ',') {
      end_field();
    } else if (ch == '\r' || ch == '\n') {
      if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
      ++line;
      row_line = line;
    } else if (ch == '"') {
      if (field_started) return invalid_argument(fmt::format("{}:{}: a quote inside an unquoted field", file_name, line));
      quoted = true;
      field_started = true;
    } else {
      if (after_quote) {
        return invalid_argument(fmt::format("{}:{}: text after a closing quote", file_name, line));
      }
      field += ch;
      field_started = true;
    }
  }
  if (quoted) return invalid_argument(fmt::format("{}:{}: a quoted field is never closed", file_name, row_line));
  if (field_started || !row.empty()) end_row();
  return table;
}

Result<CsvProjects> read_projects_csv(std::string_view text, std::string_view file_name) {
  auto table = parse_csv(text, file_name);
  if (!table) return unexpected(table.error());
  CsvProjects out;
  Columns c(*table, file_name, kProjectColumns, &out.warnings);
  if (std::none_of(kProjectColumns.begin(), kProjectColumns.end(), [&](const auto& n) { return c.has(n); })) {
    return invalid_argument(fmt::format("{}: not a projects table (none of its columns: id, title, ...)", file_name));
  }
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    std::size_t line = table->lines[r];
    ProjectPatch p;
    p.line = line;
    if (auto v = c.get(row, "id")) {
      auto id = integer(c, line, "id", *v);
      if (!id) return unexpected(id.error());
      p.id = *id;
    }
    if (auto v = c.get(row, "kind")) {
      p.kind = model::parse_project_kind(*v);
      if (!p.kind) return c.bad(line, "kind", fmt::format("'{}' is not a kind (project, bilateral_initiative, small_grant)", *v));
    }
    p.language = c.get(row, "language");
    p.title = c.get(row, "title");
    p.description = c.get(row, "description");
    p.programme = c.get(row, "programme");
    if (auto v = c.get(row, "status")) {
      p.status = model::parse_project_status(*v);
      if (!p.status) return c.bad(line, "status", fmt::format("'{}' is not a status", *v));
    }
    for (auto [column, slot] : {std::pair{"period_start", &p.start}, std::pair{"period_end", &p.end}}) {
      if (auto v = c.get(row, column)) {
        auto d = PartialDate::parse_iso(*v);
        if (!d) return c.bad(line, column, d.error().message);
        *slot = *d;
      }
    }
    for (auto [column, slot] : {std::pair{"budget", &p.budget}, std::pair{"granted", &p.granted}}) {
      if (auto v = c.get(row, column)) {
        auto m = money(c, line, column, *v);
        if (!m) return unexpected(m.error());
        *slot = *m;
      }
    }
    p.currency = c.get(row, "currency");
    p.updated_at = c.get(row, "updated_at");
    out.rows.push_back(std::move(p));
  }
  return out;
}

Status read_participations_csv(std::string_view text, std::string_view file_name, CsvProjects& projects) {
  auto read_row = [](const Columns& c, const std::vector<std::string>& row,
                     std::size_t line) -> Result<std::pair<model::Participation, bool>> {
    model::Participation part;
    bool role_given = false;
    auto name = c.get(row, "name");
    if (!name) return c.bad(line, "name", "is blank");
    part.name = *name;
    if (auto v = c.get(row, "country")) {
      if (!is_iso3166_country(*v)) return c.bad(line, "country", fmt::format("'{}' is not a country code", *v));
      part.country = *v;
    }
    if (auto v = c.get(row, "role")) {
      auto role = model::parse_role(*v);
      if (!role) return c.bad(line, "role", fmt::format("'{}' is not a role (promoter, partner, funder, other)", *v));
      part.role = *role;
      role_given = true;
    }
    return std::pair{std::move(part), role_given};
  };
  return attach<model::Participation>(text, file_name, kParticipationColumns, projects, read_row,
                                      &ProjectPatch::participations, &ProjectPatch::participation_role_given);
}

Status read_indicators_csv(std::string_view text, std::string_view file_name, CsvProjects& projects) {
  auto read_row = [](const Columns& c, const std::vector<std::string>& row,
                     std::size_t line) -> Result<std::pair<model::Indicator, bool>> {
    model::Indicator ind;
    bool status_given = false;
    auto value = c.get(row, "value");
    if (!value) return c.bad(line, "value", "is blank");
    auto v = decimal(c, line, "value", *value);
    if (!v) return unexpected(v.error());
    ind.value = *v;
    ind.unit = c.get(row, "unit").value_or("");
    if (auto s = c.get(row, "status")) {
      auto status = model::parse_indicator_status(*s);
      if (!status) return c.bad(line, "status", fmt::format("'{}' is not planned, achieved or unknown", *s));
      ind.status = *status;
      status_given = true;
    }
    return std::pair{std::move(ind), status_given};
  };
  return attach<model::Indicator>(text, file_name, kIndicatorColumns, projects, read_row, &ProjectPatch::indicators,
                                  &ProjectPatch::indicator_status_given);
}

model::Project apply_patch(const ProjectPatch& patch, model::Project base) {
  if (patch.kind) base.kind = *patch.kind;
  if (patch.language) base.default_language = *patch.language;
  if (patch.title) base.titles.set(base.default_language, *patch.title);
  if (patch.description) base.descriptions.set(base.default_language, *patch.description);
  if (patch.programme) base.programme = *patch.programme;
  if (patch.status) base.status = *patch.status;
  if (patch.start) base.period.start = *patch.start;
  if (patch.end) base.period.end = *patch.end;
  auto set_amount = [&](model::AmountKind kind, std::int64_t minor) {
    for (auto& a : base.amounts) {
      if (a.kind != kind) continue;
      a.minor_units = minor;
      if (patch.currency) a.currency = *patch.currency;
      return;
    }
    model::Amount a;
    a.kind = kind;
    a.minor_units = minor;
    // Without a currency cell, the record's other amounts say which one.
    a.currency = patch.currency ? *patch.currency : base.amounts.empty() ? std::string() : base.amounts.front().currency;
    base.amounts.push_back(std::move(a));
  };
  if (patch.budget) set_amount(model::AmountKind::kBudget, *patch.budget);
  if (patch.granted) set_amount(model::AmountKind::kGranted, *patch.granted);
  if (!patch.participations.empty()) {
    std::vector<model::Participation> list;
    std::vector<bool> used(base.participations.size(), false);
    for (std::size_t i = 0; i < patch.participations.size(); ++i) {
      const auto& row = patch.participations[i];
      std::size_t j = 0;
      while (j < used.size() && (used[j] || base.participations[j].name != row.name)) ++j;
      if (j == used.size()) {
        list.push_back(row);
        continue;
      }
      used[j] = true;
      model::Participation kept = base.participations[j];
      if (row.country) kept.country = row.country;
      if (i >= patch.participation_role_given.size() || patch.participation_role_given[i]) kept.role = row.role;
      list.push_back(std::move(kept));
    }
    base.participations = std::move(list);
  }
  if (!patch.indicators.empty()) {
    std::vector<model::Indicator> list;
    std::vector<bool> used(base.indicators.size(), false);
    for (std::size_t i = 0; i < patch.indicators.size(); ++i) {
      const auto& row = patch.indicators[i];
      std::size_t j = 0;
      while (j < used.size() &&
             (used[j] || base.indicators[j].value != row.value || base.indicators[j].unit != row.unit)) {
        ++j;
      }
      if (j == used.size()) {
        list.push_back(row);
        continue;
      }
      used[j] = true;
      model::Indicator kept = base.indicators[j];
      if (i >= patch.indicator_status_given.size() || patch.indicator_status_given[i]) kept.status = row.status;
      list.push_back(std::move(kept));
    }
    base.indicators = std::move(list);
  }
  return base;
}

}  // namespace tiltas::ingest
