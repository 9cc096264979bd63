// export_fill: makes a large registry quickly, for measuring exports at a
// million projects. K varied synthetic projects go in through the Store (so
// every table, the organisations and the search index are as an import
// makes them) and are published; then SQL clones them with fresh ids, in
// one transaction, until the registry holds N projects. Clones are copies
// of the K originals (same texts, organisations and facets), so an export's
// size per project and a query's share of matches are those of the K.
//
//   export_fill DB N [K=1000]
//
// DB must be a new SQLite file. Prints the time of each step.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "base/hash.h"
#include "store/sqlite/sqlite_search.h"
#include "store/store.h"

namespace {

using namespace tiltas;

// Varied enough that queries select a share of the registry: five
// programmes, four partner countries, years 2014-2024, two languages.
model::Project synthetic(std::size_t i) {
  static const char* const kProgrammes[] = {"Active Citizens Fund", "Cultural Heritage", "Local Development",
                                            "Youth Employment", "Fund for Bilateral Relations"};
  static const char* const kTopics[] = {"volunteer training", "wooden heritage restoration", "community kitchens",
                                        "youth media lab", "energy communities", "harbour networks"};
  static const char* const kCountries[] = {"NO", "IS", "LI", "PL"};
  const std::string topic = kTopics[i % 6];
  model::Project p;
  p.default_language = "en";
  p.titles.set("en", "Cooperation on " + topic + " number " + std::to_string(i));
  p.titles.set("lt", "Bendradarbiavimas: " + topic + " Nr. " + std::to_string(i));
  p.descriptions.set("en", "Partners from Lithuania and " + std::string(kCountries[i % 4]) +
                               " exchange experience on " + topic +
                               ", train volunteers and publish a handbook for municipalities. The project runs "
                               "workshops in three towns and a closing conference.");
  p.programme = kProgrammes[i % 5];
  const int year = 2014 + static_cast<int>(i % 11);
  p.period.start = *PartialDate::year_month(year, 1 + static_cast<int>(i % 12));
  p.period.end = *PartialDate::year(year + 2);
  p.amounts.push_back({static_cast<std::int64_t>(2500000 + i * 131), "EUR", model::AmountKind::kBudget});
  p.amounts.push_back({static_cast<std::int64_t>(2000000 + i * 97), "EUR", model::AmountKind::kGranted});
  p.participations.push_back({"Promoter association " + std::to_string(i % 400), std::string("LT"),
                              model::Role::kPromoter});
  p.participations.push_back({"Partner foundation " + std::to_string(i % 250), std::string(kCountries[i % 4]),
                              model::Role::kPartner});
  p.participations.push_back({p.programme.value(), std::nullopt, model::Role::kFunder});
  p.indicators.push_back({static_cast<double>(10 + i % 90), "participants", model::IndicatorStatus::kAchieved});
  p.indicators.push_back({static_cast<double>(1 + i % 4), "handbooks", model::IndicatorStatus::kPlanned});
  p.places.push_back({"Kaunas", std::string("LT")});
  return p;
}

double since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

int fail(const std::string& what) {
  std::fprintf(stderr, "export_fill: %s\n", what.c_str());
  return 1;
}

bool exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return true;
  std::fprintf(stderr, "export_fill: %s\n  in: %.200s\n", message ? message : "?", sql.c_str());
  sqlite3_free(message);
  return false;
}

std::vector<std::string> columns_of(sqlite3* db, const std::string& table) {
  std::vector<std::string> out;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1)", -1, &st, nullptr);
  sqlite3_bind_text(st, 1, table.c_str(), -1, SQLITE_TRANSIENT);
  while (sqlite3_step(st) == SQLITE_ROW) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  return out;
}

// "INSERT INTO t (a, b) SELECT a, b + ?1 FROM t WHERE key BETWEEN 1 AND K":
// the columns that hold a project id shifted by the copy's offset.
std::string clone_sql(const std::string& table, const std::vector<std::string>& columns, const std::string& key,
                      std::size_t k) {
  std::string names, values;
  for (const auto& c : columns) {
    const bool shifted = c == "project_id" || (table == "projects" && (c == "id" || c == "translation_of"));
    names += (names.empty() ? "" : ", ") + c;
    values += (values.empty() ? "" : ", ") + (shifted ? c + " + ?1" : c);
  }
  return "INSERT INTO " + table + " (" + names + ") SELECT " + values + " FROM " + table + " WHERE " + key +
         " BETWEEN 1 AND " + std::to_string(k);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return fail("usage: export_fill DB N [K=1000]");
  const std::string path = argv[1];
  const std::size_t n = std::strtoull(argv[2], nullptr, 10);
  const std::size_t k = std::min<std::size_t>(n, argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1000);
  if (k == 0) return fail("N and K must be positive");
  if (std::filesystem::exists(path)) return fail(path + " exists: give a new file");

  auto started = std::chrono::steady_clock::now();
  {
    auto store = store::open_store(path);
    if (!store) return fail(store.error().describe());
    std::vector<store::DocumentImport> batch;
    for (std::size_t first = 0; first < k; first += 100) {
      store::DocumentImport d;
      d.document.source = "bench://fill/" + std::to_string(first);
      d.document.name = "fill-" + std::to_string(first);
      d.document.text = d.document.source;
      d.document.sha256 = sha256_hex(d.document.text);
      d.document.language = "en";
      d.document.media_type = "application/json";
      for (std::size_t i = first; i < std::min(k, first + 100); ++i) d.records.push_back(synthetic(i));
      batch.push_back(std::move(d));
    }
    auto imported = (*store)->import_documents(batch);
    if (!imported) return fail(imported.error().describe());
    for (const auto& r : *imported) {
      if (!r) return fail(r.error().describe());
    }
    if (auto p = (*store)->publish_all(); !p) return fail(p.error().describe());
  }
  std::printf("imported and published %zu projects through the store in %.1f s\n", k, since(started));

  auto cloning = std::chrono::steady_clock::now();
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return fail("cannot open " + path);
  if (auto s = store::sqlite::register_search_tokenizer(db); !s) return fail(s.error().describe());
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT MIN(id), MAX(id), COUNT(*) FROM projects", -1, &st, nullptr);
  sqlite3_step(st);
  const auto min_id = sqlite3_column_int64(st, 0), max_id = sqlite3_column_int64(st, 1);
  sqlite3_finalize(st);
  if (min_id != 1 || max_id != static_cast<sqlite3_int64>(k)) return fail("the K projects should have ids 1..K");

  // Every table keyed by a project, the projects themselves, and the
  // full-text index (by rowid).
  std::vector<std::string> statements;
  sqlite3_prepare_v2(db,
                     "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'search_fts%' "
                     "AND m.name <> 'audit_log' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name "
                     "= 'project_id') ORDER BY m.name",
                     -1, &st, nullptr);
  std::vector<std::string> tables;
  while (sqlite3_step(st) == SQLITE_ROW) tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  statements.push_back(clone_sql("projects", columns_of(db, "projects"), "id", k));
  for (const auto& t : tables) statements.push_back(clone_sql(t, columns_of(db, t), "project_id", k));
  statements.push_back("INSERT INTO search_fts (rowid, title, org, body, facets) SELECT rowid + ?1, title, org, "
                       "body, facets FROM search_fts WHERE rowid BETWEEN 1 AND " + std::to_string(k));
  if (!exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; BEGIN")) return 1;
  std::vector<sqlite3_stmt*> prepared;
  for (const auto& sql : statements) {
    sqlite3_stmt* p = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &p, nullptr) != SQLITE_OK) {
      return fail(std::string(sqlite3_errmsg(db)) + " in " + sql);
    }
    prepared.push_back(p);
  }
  std::size_t copies = 0;
  for (std::size_t offset = k; offset + k <= n; offset += k, ++copies) {
    for (auto* p : prepared) {
      sqlite3_bind_int64(p, 1, static_cast<sqlite3_int64>(offset));
      if (sqlite3_step(p) != SQLITE_DONE) return fail(sqlite3_errmsg(db));
      sqlite3_reset(p);
    }
    if (copies % 100 == 99) std::fprintf(stderr, "\r%zu projects", offset + k);
  }
  for (auto* p : prepared) sqlite3_finalize(p);
  if (!exec(db, "COMMIT")) return 1;
  sqlite3_close(db);
  std::fprintf(stderr, "\n");
  std::printf("cloned %zu copies (%zu projects) in %.1f s; the registry holds %zu projects; total %.1f s\n", copies,
              copies * k, since(cloning), k + copies * k, since(started));
  return 0;
}
