#include "store/sqlite/sqlite_index_write.h"

#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "store/search_rows.h"

namespace tiltas::store::sqlite {

Status insert_rows(Connection& c, std::string_view head, int columns, std::size_t count,
                   const std::function<void(Statement&, int, std::size_t)>& bind_row) {
  for (std::size_t done = 0; done < count;) {
    std::size_t rows = std::min(kRowsPerInsert, count - done);
    std::string sql(head);
    sql += " VALUES ";
    int n = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      sql += r ? ", (" : "(";
      for (int k = 0; k < columns; ++k) sql += fmt::format("{}${}", k ? ", " : "", ++n);
      sql += ')';
    }
    auto st = c.cached(sql);
    if (!st) return unexpected(st.error());
    for (std::size_t r = 0; r < rows; ++r) bind_row(*st, 1 + static_cast<int>(r) * columns, done + r);
    if (auto s = st->run(); !s) return s;
    done += rows;
  }
  return ok();
}

Status write_meta_and_names(Connection& c, const model::Project& p, const search::IndexDocument& d) {
  auto st = c.cached(
      "INSERT INTO search_meta (project_id, facet_values, start_date, amount_minor, currency) VALUES ($1, $2, $3, "
      "$4, $5) ON CONFLICT (project_id) DO UPDATE SET facet_values = excluded.facet_values, start_date = "
      "excluded.start_date, amount_minor = excluded.amount_minor, currency = excluded.currency");
  if (!st) return unexpected(st.error());
  st->bind(1, p.id).bind(2, d.facet_values).bind(3, d.start_date).bind(4, d.amount_minor).bind(5, d.currency);
  if (auto s = st->run(); !s) return s;
  return search_rows::write_side_rows(c, p, d);
}

Status add_meta_and_names(RowBatch& bulk, const model::Project& p, const AnalysedRecord& a) {
  const search::IndexDocument& d = a.index;
  if (auto s = bulk.add("search_meta (project_id, facet_values, start_date, amount_minor, currency)", p.id,
                        d.facet_values, d.start_date, d.amount_minor, d.currency);
      !s) {
    return s;
  }
  for (std::size_t i = 0; i < d.names.size() && i < a.name_keys.size(); ++i) {
    for (const auto& key : a.name_keys[i]) {
      if (auto s = bulk.add("search_names (project_id, kind, name, key)", p.id, d.names[i].first, d.names[i].second,
                            key);
          !s) {
        return s;
      }
    }
  }
  return ok();
}

Status index_new_project(Connection& c, const model::Project& p, const AnalysedRecord& a) {
  const search::IndexDocument& d = a.index;
  if (RowBatch* bulk = c.bulk()) {
    // Inside import_documents: with the batch's other rows at its end, so
    // that FTS5 writes one segment for the batch (see RowBatch).
    if (auto s = bulk->add("search_fts (rowid, title, org, body, facets)", p.id, d.title, d.org, d.body, d.facets);
        !s) {
      return s;
    }
    if (auto s = add_meta_and_names(*bulk, p, a); !s) return s;
    return ok();
  }
  {
    auto st = c.cached("INSERT INTO search_fts (rowid, title, org, body, facets) VALUES ($1, $2, $3, $4, $5)");
    if (!st) return unexpected(st.error());
    st->bind(1, p.id).bind(2, d.title).bind(3, d.org).bind(4, d.body).bind(5, d.facets);
    if (auto s = st->run(); !s) return s;
  }
  {
    auto st = c.cached(
        "INSERT INTO search_meta (project_id, facet_values, start_date, amount_minor, currency) VALUES ($1, $2, $3, "
        "$4, $5)");
    if (!st) return unexpected(st.error());
    st->bind(1, p.id).bind(2, d.facet_values).bind(3, d.start_date).bind(4, d.amount_minor).bind(5, d.currency);
    if (auto s = st->run(); !s) return s;
  }
  // search_names: one row per suggestion key of each name.
  std::vector<std::tuple<const std::string*, const std::string*, const std::string*>> rows;
  for (std::size_t i = 0; i < d.names.size() && i < a.name_keys.size(); ++i) {
    for (const auto& key : a.name_keys[i]) rows.emplace_back(&d.names[i].first, &d.names[i].second, &key);
  }
  return insert_rows(c, "INSERT INTO search_names (project_id, kind, name, key)", 4, rows.size(),
                     [&](Statement& st, int n, std::size_t i) {
                       const auto& [kind, name, key] = rows[i];
                       st.bind(n, p.id).bind(n + 1, *kind).bind(n + 2, *name).bind(n + 3, *key);
                     });
}

}  // namespace tiltas::store::sqlite
