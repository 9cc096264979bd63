// The schema's history, one list for every backend. Each migration is SQL
// written in the common subset of SQLite and PostgreSQL; the few words that
// differ are placeholders that each backend substitutes:
//   {id}    an auto-assigned 64-bit primary key column type
//   {blob}  a binary column type
//   {search_schema}  the backend's search index (FTS5 on SQLite, tsvector
//                    and RUM on PostgreSQL; decision 0003)
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tiltas::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;  // several statements separated by ';'
};

std::span<const Migration> migrations();

// Substitutes the placeholders above.
std::string render_migration(std::string_view sql, std::string_view id_type, std::string_view blob_type,
                             std::string_view search_schema = {});

// Splits a migration into statements (';' at the end of a line ends one).
std::vector<std::string> split_statements(std::string_view sql);

}  // namespace tiltas::store
