// tiltas search QUERY: the registry's search from the command line (drafts
// included: the CLI is an operator's tool).
#include <fmt/format.h>

#include "app/search_projects.h"
#include "cli/command.h"

namespace tiltas::cli {
namespace {

struct SearchArgs {
  std::string query;
  std::string filter;
  std::string sort = "relevance";
  int page = 1;
  int limit = 20;
  bool json = false;
  bool published = false;
};

int run(const SearchArgs& args, const GlobalOptions& global) {
  auto store = open_db(global);
  if (!store) return fail(store.error());
  app::SearchParams params{args.query, args.filter, args.sort, args.page, args.limit, !args.published};
  auto result = app::search_projects(**store, params);
  if (!result) return fail(result.error());
  if (args.json) {
    fmt::print("{}\n", app::search_result_json(*result, params).dump(1));
    return 0;
  }
  for (const auto& n : result->notices) fmt::print(stderr, "note: {}\n", n);
  fmt::print("{}{} matching\n", result->exhaustive ? "" : "more than ", result->total);
  for (const auto& h : result->hits) {
    fmt::print("{:>7}  {:<2}  {:<9}  {}\n", h.id, h.language, model::to_string(h.review_state),
               h.title.empty() ? "(untitled)" : h.title);
  }
  for (const char* facet : {"programme", "country", "year"}) {
    auto it = result->facets.find(facet);
    if (it == result->facets.end() || it->second.empty()) continue;
    std::string line;
    for (std::size_t i = 0; i < it->second.size() && i < 6; ++i) {
      line += fmt::format("{}{} ({})", i ? ", " : "", it->second[i].value, it->second[i].count);
    }
    fmt::print("  {}: {}\n", facet, line);
  }
  return 0;
}

}  // namespace

Command search_command() {
  return {"search", "Search projects (words, \"phrases\", -exclusions, OR, field:value; see README)",
          [](CLI::App& app, GlobalOptions& global) {
            auto args = std::make_shared<SearchArgs>();
            app.add_option("query", args->query, "The query, e.g. 'savivaldybė country:NO year:2020..2022'")
                ->required();
            app.add_option("--filter", args->filter, "Extra field:value filters, comma-separated");
            app.add_option("--sort", args->sort, "relevance, start_date or amount")
                ->check(CLI::IsMember({"relevance", "start_date", "amount"}));
            app.add_option("--page", args->page, "Page number (from 1)")->check(CLI::PositiveNumber);
            app.add_option("--limit", args->limit, "Results per page (1-100)")->check(CLI::Range(1, 100));
            app.add_flag("--published", args->published, "Only published projects, as the public sees them");
            app.add_flag("--json", args->json, "Print the result as the API's JSON");
            return std::function<int()>([args, &global] { return run(*args, global); });
          }};
}

}  // namespace tiltas::cli
