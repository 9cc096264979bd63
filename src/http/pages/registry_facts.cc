#include "http/pages/registry_facts.h"

#include <array>
#include <set>

#include "app/export_open_data.h"
#include "base/text.h"

namespace tiltas::http::pages {
namespace {

// The partners the network shows next to Lithuanian organisations: the
// donor states of the EEA and Norway Grants.
bool is_donor_country(const std::string& country) { return country == "NO" || country == "IS" || country == "LI"; }

class FactsWriter final : public exporter::RecordWriter {
 public:
  explicit FactsWriter(RegistryFacts& facts) : facts_(facts) {}

  Status write(const exporter::ExportRecord& record) override {
    const model::Project& p = record.project;
    ++facts_.projects;
    const std::string programme = p.programme.value_or("");
    const int year = p.period.start ? p.period.start->year_value() : 0;

    std::set<std::string> units;
    std::map<std::string, double> reached;  // per person unit: achieved, else unclassified
    std::map<std::string, bool> has_achieved;
    for (const auto& i : p.indicators) {
      const std::string unit = text::collapse_whitespace(text::fold(i.unit));
      if (unit.empty()) continue;
      facts_.unit_label.emplace(unit, text::collapse_whitespace(i.unit));
      UnitTotals& total = facts_.by_unit[unit];
      UnitTotals& cell = facts_.by_programme_year[{programme, year, unit}];
      for (UnitTotals* t : {&total, &cell}) {
        switch (i.status) {
          case model::IndicatorStatus::kPlanned: t->planned += i.value; break;
          case model::IndicatorStatus::kAchieved: t->achieved += i.value; break;
          case model::IndicatorStatus::kUnknown: t->unknown += i.value; break;
        }
      }
      if (units.insert(unit).second) {
        ++total.projects;
        ++cell.projects;
      }
      if (is_person_unit(unit)) {
        if (i.status == model::IndicatorStatus::kAchieved) {
          if (!has_achieved[unit]) reached[unit] = 0;
          has_achieved[unit] = true;
          reached[unit] += i.value;
        } else if (i.status == model::IndicatorStatus::kUnknown && !has_achieved[unit]) {
          reached[unit] += i.value;
        }
      }
    }
    // A project that counts the same people in several units counts once:
    // its largest figure.
    double most = 0;
    for (const auto& [unit, value] : reached) most = std::max(most, value);
    facts_.people_reached += most;

    std::set<std::string> countries;
    std::set<model::Id> lithuanian, donors, seen;
    for (const auto& part : p.participations) {
      if (!part.country) continue;
      CountryTotals& c = facts_.countries[*part.country];
      ++c.participations;
      countries.insert(*part.country);
      if (!part.organisation_id) continue;
      const model::Id id = *part.organisation_id;
      if (organisations_.insert(id).second) ++c.organisations;
      if (*part.country == "LT") lithuanian.insert(id);
      if (is_donor_country(*part.country)) donors.insert(id);
      if ((*part.country == "LT" || is_donor_country(*part.country)) && seen.insert(id).second) {
        NetworkNode& node = facts_.nodes[id];
        if (node.name.empty()) {
          const model::Organisation* o = record.organisation_of(part);
          node.name = o && !o->display_name.empty() ? o->display_name : part.name;
          node.country = *part.country;
        }
        ++node.projects;
      }
    }
    for (const auto& country : countries) ++facts_.countries[country].projects;
    for (model::Id a : lithuanian) {
      for (model::Id b : donors) ++facts_.links[{a, b}];
    }
    return ok();
  }

  Status finish() override {
    // Nodes without a link are not part of the network.
    std::set<model::Id> linked;
    for (const auto& [pair, n] : facts_.links) {
      linked.insert(pair.first);
      linked.insert(pair.second);
    }
    std::erase_if(facts_.nodes, [&](const auto& entry) { return !linked.contains(entry.first); });
    return ok();
  }

 private:
  RegistryFacts& facts_;
  std::set<model::Id> organisations_;
};

}  // namespace

bool is_person_unit(std::string_view unit) {
  // Folded stems of words that count people, in English, Lithuanian and
  // Norwegian; matched at word starts.
  static constexpr std::array<std::string_view, 26> kStems = {
      "person",  "people",   "participant", "trainee", "student", "pupil",  "youth",    "young people",
      "volunteer", "child",  "teacher",     "visitor", "attendee", "member", "dalyv",   "asmen",
      "zmon",    "mokin",    "studentai",   "savanor", "vaik",    "jaunuol", "mokytoj", "lankytoj",
      "deltaker", "elev"};
  for (std::string_view stem : kStems) {
    for (std::size_t at = unit.find(stem); at != std::string_view::npos; at = unit.find(stem, at + 1)) {
      if (at == 0 || unit[at - 1] == ' ' || unit[at - 1] == '-') return true;
    }
  }
  return false;
}

std::shared_ptr<const RegistryFacts> FactsCache::get(std::chrono::steady_clock::time_point now) const {
  std::lock_guard lock(mutex_);
  if (!facts_ || now - at_ > kTtl) return nullptr;
  return facts_;
}

void FactsCache::put(std::shared_ptr<const RegistryFacts> facts, std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(mutex_);
  facts_ = std::move(facts);
  at_ = now;
}

void FactsCache::invalidate() {
  std::lock_guard lock(mutex_);
  facts_.reset();
}

Result<std::shared_ptr<const RegistryFacts>> registry_facts(const Context& context) {
  const auto now = std::chrono::steady_clock::now();
  if (context.facts) {
    if (auto cached = context.facts->get(now)) return cached;
  }
  auto facts = std::make_shared<RegistryFacts>();
  FactsWriter writer(*facts);
  app::OpenDataOptions options;
  options.published_only = true;
  auto done = app::export_projects(context.store, writer, options);
  if (!done) return unexpected(done.error());
  if (context.facts) context.facts->put(facts, now);
  return std::shared_ptr<const RegistryFacts>(std::move(facts));
}

}  // namespace tiltas::http::pages
