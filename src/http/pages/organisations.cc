#include "http/pages/organisations.h"

#include <string>

#include <fmt/format.h>

#include "base/country.h"
#include "http/pages/projects.h"
#include "http/pages/site.h"

namespace tiltas::http::pages {
namespace {

using kainjow::mustache::data;

// A page of published projects matching `filter` into view["projects"],
// with the pager's links; kNotFound-free (an empty page is a page).
Result<std::int64_t> set_projects(const Context& context, const Request& request, store::ProjectFilter filter,
                                  data& view) {
  const Lang lang = lang_of_path(request.path);
  auto after = query_int(request, "after", 0, INT64_MAX);
  if (!after) return unexpected(after.error());
  filter.visibility = store::Visibility::kPublic;
  store::PageRequest page;
  page.limit = kListPageSize;
  page.after_id = after->value_or(0);
  auto result = context.store.list_projects(filter, page);
  if (!result) return unexpected(result.error());
  data items = data::type::list;
  for (const auto& p : result->items) items.push_back(project_list_item(p, lang));
  set_list(view, "projects", items, !result->items.empty());
  view.set("total_text", result->total == 1 ? message(lang, "list_total_one")
                                            : message(lang, "list_total", "count", std::to_string(result->total)));
  const std::string self = href(lang, unprefixed(request.path));
  view.set("not_first_page", flag(page.after_id > 0));
  view.set("first_href", self);
  view.set("has_next", flag(result->next_after_id.has_value()));
  view.set("next_href",
           result->next_after_id ? self + "?after=" + std::to_string(*result->next_after_id) : std::string());
  return result->total;
}

Result<Reply> organisation(const Context& context, const Request& request) {
  const Lang lang = lang_of_path(request.path);
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return unexpected(id.error());
  data view;
  store::ProjectFilter filter;
  filter.organisation_id = *id;
  auto total = set_projects(context, request, filter, view);
  if (!total) return unexpected(total.error());
  // An organisation seen only in drafts is not public yet.
  if (*total == 0) return not_found(fmt::format("organisation {} has no published project", *id), "id");
  auto o = context.store.get_organisation(*id);
  if (!o) return unexpected(o.error());

  const std::string name = o->names.get(std::string(code(lang))).value_or(o->display_name);
  view.set("name", name);
  data names = data::type::list;
  for (const auto& [language, value] : o->names.all()) {
    data item;
    item.set("language", language);
    item.set("language_name", language_text(language, lang));
    item.set("value", value);
    names.push_back(item);
  }
  set_list(view, "names", names, !o->names.empty());
  view.set("has_country", flag(o->country.has_value()));
  view.set("country", o->country ? country_text(*o->country, lang) : std::string());
  view.set("country_href", o->country ? href(lang, "/countries/" + url_encode(*o->country)) : std::string());
  view.set("json_href", "/api/v1/organisations/" + std::to_string(*id));
  return render_reply("organisation", name, std::move(view), request);
}

Result<Reply> country(const Context& context, const Request& request) {
  const Lang lang = lang_of_path(request.path);
  std::string code = request.params.at("code");
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (code.size() != 2 || !is_iso3166_country(code)) return not_found("no such country", "code");

  data view;
  store::ProjectFilter filter;
  filter.country = code;
  auto total = set_projects(context, request, filter, view);
  if (!total) return unexpected(total.error());

  auto all = public_organisations(context);
  if (!all) return unexpected(all.error());
  data organisations = data::type::list;
  bool any = false;
  for (const auto& row : *all) {
    if (row.organisation.country != code) continue;
    data item;
    item.set("name", row.organisation.names.get(std::string(pages::code(lang))).value_or(row.organisation.display_name));
    item.set("href", href(lang, "/organisations/" + std::to_string(row.organisation.id)));
    item.set("count_text", message(lang, "project_count", "count", std::to_string(row.project_count)));
    organisations.push_back(item);
    any = true;
  }
  set_list(view, "organisations", organisations, any);
  const std::string name = country_name(code, pages::code(lang));
  view.set("name", name);
  view.set("code", code);
  view.set("json_href", "/api/v1/countries/" + code);
  return render_reply("country", name, std::move(view), request);
}

}  // namespace

Result<Reply> organisation_page(const Context& context, const Request& request) {
  return localize_errors(organisation(context, request), request);
}

Result<Reply> country_page(const Context& context, const Request& request) {
  return localize_errors(country(context, request), request);
}

}  // namespace tiltas::http::pages
