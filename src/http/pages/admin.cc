#include "http/pages/admin.h"

#include <fmt/format.h>

#include "app/accounts.h"
#include "http/pages/editing.h"
#include "http/pages/login.h"
#include "http/pages/site.h"
#include "http/session.h"

namespace tiltas::http::pages {

using kainjow::mustache::data;

Result<Reply> admin_users_page(const Context& context, const Request& request) {
  const Lang lang = lang_of_path(request.path);
  auto users = context.store.list_users();
  if (!users) return unexpected(users.error());
  View view;
  set_session_view(view, request);
  view.set("back", request.path);
  data rows = data::type::list;
  for (const auto& u : *users) {
    data row;
    row.set("email", u.email);
    row.set("role", enum_text(lang, "role", "account_" + u.role));
    row.set("created_at", u.created_at);
    row.set("is_self", flag(request.session && request.session->email == u.email));
    rows.push_back(row);
  }
  set_list(view, "users", rows, !users->empty());
  view.set("min_password", std::to_string(app::kMinPasswordLength));
  return render_reply("admin_users", message(lang, "admin_heading"), std::move(view), request);
}

Result<Reply> admin_add_user(const Context& context, const Request& request) {
  auto user = app::add_user(context.store, form_value(request, "email"), form_value(request, "role"),
                            form_value(request, "password"));
  if (!user) return localize_or_bad_input(request, user.error());
  return redirect(local_path(form_value(request, "back"), "/admin/users"));
}

Result<Reply> admin_remove_user(const Context& context, const Request& request) {
  const std::string email = form_value(request, "email");
  if (request.session && request.session->email == email) {
    return bad_input_page(request, Error{ErrorCode::kInvalidArgument, "you cannot remove your own account", "email"});
  }
  if (auto removed = context.store.remove_user(email); !removed) return localize_or_bad_input(request, removed.error());
  return redirect(local_path(form_value(request, "back"), "/admin/users"));
}

}  // namespace tiltas::http::pages
