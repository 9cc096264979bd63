#include <fmt/format.h>

#include "cli/command.h"
#include "codec/records_json.h"

namespace tiltas::cli {
namespace {

struct ShowArgs {
  std::int64_t id = 0;
  bool json = false;
};

void print_text(const model::Project& p) {
  auto opt = [](const std::optional<std::string>& s) { return s.value_or("-"); };
  auto date = [](const std::optional<PartialDate>& d) { return d ? d->to_iso() : std::string("?"); };
  fmt::print("Project {} ({}, {})\n", p.id, model::to_string(p.review_state), model::to_string(p.kind));
  for (const auto& [lang, title] : p.titles.all()) fmt::print("  title [{}]: {}\n", lang, title);
  for (const auto& [lang, d] : p.descriptions.all()) fmt::print("  description [{}]: {}\n", lang, d);
  fmt::print("  programme: {}\n", opt(p.programme));
  if (!p.period.empty()) fmt::print("  period: {} .. {}\n", date(p.period.start), date(p.period.end));
  for (const auto& a : p.amounts) fmt::print("  amount: {:.2f} {} ({})\n", a.value(), a.currency, model::to_string(a.kind));
  for (const auto& o : p.participations) {
    fmt::print("  organisation: {} [{}] ({})\n", o.name, o.country.value_or("?"), model::to_string(o.role));
  }
  for (const auto& a : p.activities) fmt::print("  activity {}: {}\n", a.code, a.title);
  for (const auto& e : p.events) {
    fmt::print("  event: {} @ {} [{}] {}..{}\n", opt(e.title), opt(e.place), opt(e.country), date(e.start), date(e.end));
  }
  for (const auto& i : p.indicators) fmt::print("  indicator: {} {} ({})\n", i.value, i.unit, model::to_string(i.status));
  for (const auto& pl : p.places) fmt::print("  place: {} [{}]\n", pl.name, pl.country.value_or("?"));
  if (p.notes) fmt::print("  notes: {}\n", *p.notes);
  for (const auto& f : p.findings) fmt::print("  finding ({}) {}: {}\n", model::to_string(f.severity), f.field, f.message);
}

int run(const ShowArgs& args, const GlobalOptions& global) {
  auto store = open_db(global);
  if (!store) return fail(store.error());
  auto p = (*store)->get_project(args.id, store::Visibility::kAll);
  if (!p) return fail(p.error());
  if (args.json) {
    fmt::print("{}\n", codec::record_to_json(*p, {.registry_keys = true}).dump(1));
  } else {
    print_text(*p);
  }
  return 0;
}

}  // namespace

Command show_command() {
  return {"show", "Show one project, every field", [](CLI::App& app, GlobalOptions& global) {
            auto args = std::make_shared<ShowArgs>();
            app.add_option("id", args->id, "Project id")->required();
            app.add_flag("--json", args->json, "Print the record as JSON");
            return std::function<int()>([args, &global] { return run(*args, global); });
          }};
}

}  // namespace tiltas::cli
