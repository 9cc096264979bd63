// What every portal page shares: the language of the request, links in that
// language, the language switch, the localized 404 page, and the wording of
// values (periods, amounts, countries, enum values) in the page language.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"
#include "http/pages/i18n.h"
#include "http/pages/render.h"
#include "http/reply.h"
#include "http/request.h"
#include "model/project.h"
#include "store/store.h"

namespace tiltas::http::pages {

// Percent-encodes `text` for a query value or path segment (RFC 3986
// unreserved characters stay as they are).
std::string url_encode(std::string_view text);
// "?a=1&b=x%20y" from `query` ("" when empty), in the map's order.
std::string query_string(const std::map<std::string, std::string>& query);

// `path` (a path of the portal without the /lt prefix, "/projects/1") in `lang`.
std::string href(Lang lang, std::string_view path);
// The request's page in the other language, query string kept.
std::string switch_href(const Request& request);

// Renders templates/<name>.mustache in the request's language, with the
// language switch, as a 200 HTML reply.
Result<Reply> render_reply(std::string_view name, const std::string& title, View view, const Request& request);

// The 404 page in the request's language.
Reply not_found_page(const Request& request);
// The 400 page in the request's language (a malformed id or parameter).
Reply bad_request_page(const Request& request);
// `reply` unchanged, except that kNotFound becomes not_found_page(request)
// and kInvalidArgument bad_request_page(request). Other errors go on to the
// error mapping (English pages: they are the server's, not the reader's).
Result<Reply> localize_errors(Result<Reply> reply, const Request& request);

// "2021-06 – 2022-08-31", "from 2021", "not stated", in `lang`.
std::string period_text(const model::Period& period, Lang lang);
// "148,680.12 EUR" from minor units, exactly.
std::string amount_text(std::int64_t minor_units, std::string_view currency);
// "Norway (NO)" / "Norvegija (NO)".
std::string country_text(std::string_view code, Lang lang);
// An enum's wire name in words from the catalogue key "<group>_<wire>"
// ("role_promoter"); the wire name with spaces when the catalogue lacks it.
std::string enum_text(Lang lang, std::string_view group, std::string_view wire_name);

// One row of a project list (home, organisation and country pages): link,
// title (or "untitled"), language, programme, period and kind, in `lang`.
View project_list_item(const store::ProjectSummary& project, Lang lang);
// A page of the published projects matching `filter` (?after=<cursor>, 20 a
// page) into view["projects"] / view["has_projects"], with "total_text"
// and the pager's "not_first_page", "first_href", "has_next", "next_href"
// for the request's own path. Returns the total; kInvalidArgument for a bad
// cursor.
Result<std::int64_t> set_project_page(const Context& context, const Request& request, store::ProjectFilter filter,
                                      View& view);

// The name of a language code ("lt" -> "Lithuanian"/"lietuvių"), else the code.
std::string language_text(std::string_view language_code, Lang lang);

// A list section: `name` holds the items and `has_<name>` whether there are
// any, so that templates print "none recorded" without logic.
void set_list(View& view, const std::string& name, const View& list, bool any);
View flag(bool value);

}  // namespace tiltas::http::pages

namespace tiltas::http::pages {

// Every organisation that takes part in a published project, by id (read in
// pages of 500).
Result<std::vector<store::OrganisationSummary>> public_organisations(const Context& context);

}  // namespace tiltas::http::pages
