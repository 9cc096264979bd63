#include "http/api/stats.h"

#include <map>
#include <set>
#include <utility>

#include "app/export_open_data.h"
#include "base/text.h"

namespace tiltas::http {

std::optional<std::string> StatsCache::get(std::chrono::steady_clock::time_point now) const {
  std::lock_guard lock(mutex_);
  if (!body_ || now - at_ > kTtl) return std::nullopt;
  return body_;
}

void StatsCache::put(std::string body, std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(mutex_);
  body_ = std::move(body);
  at_ = now;
}

void StatsCache::invalidate() {
  std::lock_guard lock(mutex_);
  body_.reset();
}

namespace api {
namespace {

using Json = nlohmann::ordered_json;

// Sums in minor units by currency and kind, so that totals are exact.
struct Money {
  std::map<std::string, std::map<std::string, std::int64_t>> by_currency;
  void add(const model::Amount& a) { by_currency[a.currency][std::string(model::to_string(a.kind))] += a.minor_units; }
  Json json() const {
    Json out = Json::object();
    for (const auto& [currency, kinds] : by_currency) {
      Json k = Json::object();
      for (const auto& [kind, minor] : kinds) k[kind] = static_cast<double>(minor) / 100.0;
      out[currency] = std::move(k);
    }
    return out;
  }
};

struct Group {
  std::int64_t projects = 0;
  Money money;
};

struct IndicatorSum {
  double planned = 0, achieved = 0, unknown = 0;
  std::int64_t projects = 0;
};

// Feeds on the export's stream of published projects: one pass, bounded
// memory (the groups, not the records).
class StatsWriter final : public exporter::RecordWriter {
 public:
  Status write(const exporter::ExportRecord& record) override {
    const model::Project& p = record.project;
    ++projects_;
    Money& total = totals_;
    Group& programme = by_programme_[p.programme.value_or("")];
    ++programme.projects;
    std::optional<int> year;
    if (p.period.start) year = p.period.start->year_value();
    Group* by_year = year ? &by_year_[*year] : nullptr;
    if (by_year) ++by_year->projects;
    for (const auto& a : p.amounts) {
      total.add(a);
      programme.money.add(a);
      if (by_year) by_year->money.add(a);
    }
    std::set<std::string> units;
    for (const auto& i : p.indicators) {
      std::string unit = text::collapse_whitespace(text::fold(i.unit));
      IndicatorSum& sum = indicators_[unit];
      switch (i.status) {
        case model::IndicatorStatus::kPlanned: sum.planned += i.value; break;
        case model::IndicatorStatus::kAchieved: sum.achieved += i.value; break;
        case model::IndicatorStatus::kUnknown: sum.unknown += i.value; break;
      }
      if (units.insert(unit).second) ++sum.projects;
    }
    std::set<std::string> countries;
    for (const auto& part : p.participations) {
      if (part.organisation_id) organisations_.insert(*part.organisation_id);
      if (part.country) countries.insert(*part.country);
    }
    for (auto a = countries.begin(); a != countries.end(); ++a) {
      for (auto b = std::next(a); b != countries.end(); ++b) ++pairs_[{*a, *b}];
    }
    return ok();
  }
  Status finish() override { return ok(); }

  Json json() const {
    Json body;
    body["projects"] = projects_;
    body["organisations"] = organisations_.size();
    Json amounts;
    amounts["by_currency"] = totals_.json();
    Json programmes = Json::array();
    for (const auto& [name, g] : by_programme_) {
      programmes.push_back(Json{{"programme", name.empty() ? Json(nullptr) : Json(name)},
                                {"projects", g.projects},
                                {"amounts", g.money.json()}});
    }
    amounts["by_programme"] = std::move(programmes);
    Json years = Json::array();
    for (const auto& [year, g] : by_year_) {
      years.push_back(Json{{"year", year}, {"projects", g.projects}, {"amounts", g.money.json()}});
    }
    amounts["by_year"] = std::move(years);
    body["amounts"] = std::move(amounts);
    Json indicators = Json::array();
    for (const auto& [unit, s] : indicators_) {
      indicators.push_back(Json{{"unit", unit},
                                {"planned", s.planned},
                                {"achieved", s.achieved},
                                {"unknown", s.unknown},
                                {"projects", s.projects}});
    }
    body["indicators"] = std::move(indicators);
    Json pairs = Json::array();
    for (const auto& [pair, n] : pairs_) pairs.push_back(Json{{"countries", {pair.first, pair.second}}, {"projects", n}});
    body["partnerships"] = std::move(pairs);
    return body;
  }

 private:
  std::int64_t projects_ = 0;
  std::set<model::Id> organisations_;
  Money totals_;
  std::map<std::string, Group> by_programme_;
  std::map<int, Group> by_year_;
  std::map<std::string, IndicatorSum> indicators_;
  std::map<std::pair<std::string, std::string>, std::int64_t> pairs_;
};

}  // namespace

Result<Reply> stats(const Context& context, const Request&) {
  const auto now = std::chrono::steady_clock::now();
  if (context.stats) {
    if (auto cached = context.stats->get(now)) {
      Reply r = json_reply(nullptr);
      r.body = std::move(*cached);
      return r;
    }
  }
  StatsWriter writer;
  app::OpenDataOptions options;
  options.published_only = true;
  auto done = app::export_projects(context.store, writer, options);
  if (!done) return unexpected(done.error());
  Reply r = json_reply(writer.json());
  if (context.stats) context.stats->put(r.body, now);
  return r;
}

}  // namespace api
}  // namespace tiltas::http
