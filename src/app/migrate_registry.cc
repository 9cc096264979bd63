#include "app/migrate_registry.h"

#include <chrono>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace tiltas::app {
namespace {

// Passes rows through, counting them per table as they go by.
class CountingSink final : public store::RowSink {
 public:
  CountingSink(store::RowSink& next, const MigrateOptions& options) : next_(next), options_(options) {}

  Status begin_table(const std::string& table, const std::vector<std::string>& columns) override {
    report();
    table_ = table;
    rows_[table] = 0;
    return next_.begin_table(table, columns);
  }

  Status add_row(const std::vector<store::RowValue>& values) override {
    ++rows_[table_];
    return next_.add_row(values);
  }

  void report() {
    if (!table_.empty() && options_.on_table) options_.on_table(table_, rows_[table_]);
    table_.clear();
  }

  const std::map<std::string, std::int64_t>& rows() const { return rows_; }

 private:
  store::RowSink& next_;
  const MigrateOptions& options_;
  std::string table_;
  std::map<std::string, std::int64_t> rows_;
};

bool same_counts(const store::Counts& a, const store::Counts& b) {
  return a.documents == b.documents && a.projects == b.projects && a.published == b.published &&
         a.records == b.records && a.organisations == b.organisations;
}

std::string describe_counts(const store::Counts& c) {
  return fmt::format("{} documents, {} projects ({} records, {} published), {} organisations", c.documents,
                     c.projects, c.records, c.published, c.organisations);
}

}  // namespace

Result<MigrateSummary> migrate_registry(const store::Store& from, store::Store& to, const MigrateOptions& options) {
  auto start = std::chrono::steady_clock::now();
  MigrateSummary out;
  auto source = from.counts();
  if (!source) return unexpected(source.error());
  out.source = *source;
  std::map<std::string, std::int64_t> sent;
  auto loaded = to.load_rows(
      [&](store::RowSink& sink) -> Status {
        CountingSink counting(sink, options);
        auto s = from.copy_rows_to(counting);
        counting.report();
        sent = counting.rows();
        return s;
      },
      options.replace);
  if (!loaded) return unexpected(loaded.error());
  for (const auto& [table, n] : sent) {
    auto it = loaded->rows.find(table);
    std::int64_t written = it == loaded->rows.end() ? 0 : it->second;
    if (written != n) {
      return internal_error(fmt::format("table '{}': {} rows read but {} written", table, n, written));
    }
  }
  out.rows = std::move(loaded->rows);
  for (const auto& [_, n] : out.rows) out.rows_total += n;
  out.indexed = loaded->indexed;
  auto target = to.counts();
  if (!target) return unexpected(target.error());
  out.target = *target;
  // The source may have changed while it was read (an import between the
  // two counts): that is not a loss, so compare with what the copy read.
  if (!same_counts(out.source, out.target)) {
    auto again = from.counts();
    if (!again || !same_counts(*again, out.target)) {
      return internal_error(fmt::format("after the copy the target holds {} but the source {}",
                                        describe_counts(out.target), describe_counts(out.source)));
    }
    out.source = *again;
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace tiltas::app
