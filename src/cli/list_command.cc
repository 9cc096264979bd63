#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"

namespace tiltas::cli {
namespace {

struct ListArgs {
  bool json = false;
  std::string state;  // "", "draft", "published"
  int limit = 0;      // 0: all
};

std::string period_text(const model::Period& p) {
  auto part = [](const std::optional<PartialDate>& d) { return d ? d->to_iso() : std::string("?"); };
  if (p.empty()) return "";
  return part(p.start) + ".." + part(p.end);
}

int run(const ListArgs& args, const GlobalOptions& global) {
  auto store = open_db(global);
  if (!store) return fail(store.error());
  store::ProjectFilter filter{.visibility = store::Visibility::kAll};
  if (!args.state.empty()) {
    auto state = model::parse_review_state(args.state);
    if (!state) return fail(Error{ErrorCode::kInvalidArgument, "--state must be draft or published", "state"});
    filter.review_state = *state;
  }
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  store::PageRequest page{.limit = 500};
  int printed = 0;
  for (;;) {
    auto rows = (*store)->list_projects(filter, page);
    if (!rows) return fail(rows.error());
    for (const auto& s : rows->items) {
      if (args.limit > 0 && printed >= args.limit) break;
      ++printed;
      if (args.json) {
        out.push_back({{"id", s.id},
                       {"title", s.title},
                       {"language", s.language},
                       {"programme", s.programme ? nlohmann::ordered_json(*s.programme) : nullptr},
                       {"period", {{"start", s.period.start ? nlohmann::ordered_json(s.period.start->to_iso()) : nullptr},
                                   {"end", s.period.end ? nlohmann::ordered_json(s.period.end->to_iso()) : nullptr}}},
                       {"kind", model::to_string(s.kind)},
                       {"review_state", model::to_string(s.review_state)}});
      } else {
        fmt::print("{:>6}  {:<9}  {:<2}  {:<21}  {}\n", s.id, model::to_string(s.review_state), s.language,
                   period_text(s.period), s.title.empty() ? "(untitled)" : s.title);
      }
    }
    if (!rows->next_after_id || (args.limit > 0 && printed >= args.limit)) break;
    page.after_id = *rows->next_after_id;
  }
  if (args.json) fmt::print("{}\n", out.dump(1));
  return 0;
}

}  // namespace

Command list_command() {
  return {"list", "List projects (drafts and published)", [](CLI::App& app, GlobalOptions& global) {
            auto args = std::make_shared<ListArgs>();
            app.add_flag("--json", args->json, "Print a JSON array");
            app.add_option("--state", args->state, "Only draft or published records")
                ->check(CLI::IsMember({"draft", "published"}));
            app.add_option("--limit", args->limit, "At most this many rows")->check(CLI::NonNegativeNumber);
            return std::function<int()>([args, &global] { return run(*args, global); });
          }};
}

}  // namespace tiltas::cli
