#include "http/pages/organisations.h"

#include <string>

#include <fmt/format.h>

#include "base/country.h"
#include "http/pages/projects.h"
#include "http/pages/site.h"

namespace tiltas::http::pages {
namespace {

using kainjow::mustache::data;

Result<Reply> organisation(const Context& context, const Request& request) {
  const Lang lang = lang_of_path(request.path);
  auto id = parse_id(request.params.at("id"), "id");
  if (!id) return unexpected(id.error());
  data view;
  store::ProjectFilter filter;
  filter.organisation_id = *id;
  auto total = set_project_page(context, request, filter, view);
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
  auto total = set_project_page(context, request, filter, view);
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
