#include <fmt/format.h>

#include "cli/command.h"

namespace tiltas::cli {
namespace {

struct PublishArgs {
  std::vector<std::int64_t> ids;
  bool all = false;
  bool unpublish = false;
};

int run(const PublishArgs& args, const GlobalOptions& global) {
  if (args.all == !args.ids.empty()) {
    return fail(Error{ErrorCode::kInvalidArgument, "give project ids or --all (not both)", ""});
  }
  auto store = open_db(global);
  if (!store) return fail(store.error());
  Result<int> changed = args.all ? (*store)->publish_all()
                                 : (*store)->set_review_state(args.ids, args.unpublish ? model::ReviewState::kDraft
                                                                                       : model::ReviewState::kPublished);
  if (!changed) return fail(changed.error());
  fmt::print("{} project(s) {}\n", *changed, args.unpublish ? "returned to draft" : "published");
  return 0;
}

}  // namespace

Command publish_command() {
  return {"publish", "Publish draft projects (make them public)", [](CLI::App& app, GlobalOptions& global) {
            auto args = std::make_shared<PublishArgs>();
            app.add_option("ids", args->ids, "Project ids");
            app.add_flag("--all", args->all, "Publish every draft");
            app.add_flag("--unpublish", args->unpublish, "Return the given projects to draft instead");
            return std::function<int()>([args, &global] { return run(*args, global); });
          }};
}

}  // namespace tiltas::cli
