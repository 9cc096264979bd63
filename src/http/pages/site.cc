#include "http/pages/site.h"

#include <fmt/format.h>

#include "base/country.h"
#include "http/pages/projects.h"

namespace tiltas::http::pages {

std::string url_encode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string query_string(const std::map<std::string, std::string>& query) {
  std::string out;
  for (const auto& [name, value] : query) {
    out += out.empty() ? '?' : '&';
    out += url_encode(name);
    out += '=';
    out += url_encode(value);
  }
  return out;
}

std::string href(Lang lang, std::string_view path) {
  if (lang == Lang::kLt && path == "/") return "/lt/";
  return fmt::format("{}{}", path_prefix(lang), path);
}

std::string switch_href(const Request& request) {
  const Lang lang = lang_of_path(request.path);
  return href(other(lang), unprefixed(request.path)) + query_string(request.query);
}

Result<Reply> render_reply(std::string_view name, const std::string& title, View view, const Request& request) {
  auto html = render_page(name, title, std::move(view), lang_of_path(request.path), switch_href(request));
  if (!html) return unexpected(html.error());
  return html_reply(std::move(*html));
}

namespace {

Reply error_page(const Request& request, int status, std::string_view heading_key, std::string_view message_key) {
  const Lang lang = lang_of_path(request.path);
  View view;
  view.set("status", std::to_string(status));
  view.set("heading", message(lang, heading_key));
  view.set("message", message(lang, message_key));
  auto html = render_page("error", message(lang, heading_key), std::move(view), lang, switch_href(request));
  // The templates are checked at start-up; the fixed text is a last resort.
  return html_reply(html ? std::move(*html)
                         : fmt::format("<!DOCTYPE html><title>{0}</title><p>{0}</p>\n", status),
                    status);
}

}  // namespace

Reply not_found_page(const Request& request) {
  return error_page(request, 404, "not_found_heading", "not_found_message");
}

Reply bad_request_page(const Request& request) {
  return error_page(request, 400, "bad_request_heading", "bad_request_message");
}

Result<Reply> localize_errors(Result<Reply> reply, const Request& request) {
  if (reply) return reply;
  if (reply.error().code == ErrorCode::kNotFound) return not_found_page(request);
  if (reply.error().code == ErrorCode::kInvalidArgument) return bad_request_page(request);
  return reply;
}

std::string period_text(const model::Period& period, Lang lang) {
  const auto& [start, end] = period;
  if (start && end) return fmt::format("{} \u2013 {}", start->to_iso(), end->to_iso());
  if (start) return message(lang, "period_from", "date", start->to_iso());
  if (end) return message(lang, "period_until", "date", end->to_iso());
  return message(lang, "not_stated");
}

std::string amount_text(std::int64_t minor_units, std::string_view currency) {
  const bool negative = minor_units < 0;
  const std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(minor_units + 1)) + 1 : static_cast<std::uint64_t>(minor_units);
  std::string whole = std::to_string(magnitude / 100);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  return fmt::format("{}{}.{:02} {}", negative ? "-" : "", grouped, magnitude % 100, currency);
}

std::string country_text(std::string_view code, Lang lang) {
  return fmt::format("{} ({})", country_name(code, pages::code(lang)), code);
}

std::string enum_text(Lang lang, std::string_view group, std::string_view wire_name) {
  const std::string key = fmt::format("{}_{}", group, wire_name);
  std::string text = message(lang, key);
  if (text != key) return text;
  std::string words(wire_name);
  for (char& c : words) {
    if (c == '_') c = ' ';
  }
  return words;
}

std::string language_text(std::string_view language_code, Lang lang) {
  const std::string key = fmt::format("language_{}", language_code);
  std::string text = message(lang, key);
  return text == key ? std::string(language_code) : text;
}

void set_list(View& view, const std::string& name, const View& list, bool any) {
  view.set(name, list);  // kainjow's set() copies
  view.set("has_" + name, flag(any));
}

View flag(bool value) { return value ? View::type::bool_true : View::type::bool_false; }

}  // namespace tiltas::http::pages

namespace tiltas::http::pages {

Result<std::vector<store::OrganisationSummary>> public_organisations(const Context& context) {
  constexpr int kPage = 500;
  std::vector<store::OrganisationSummary> out;
  model::Id after = 0;
  for (;;) {
    auto rows = context.store.list_organisations(store::Visibility::kPublic, kPage, after);
    if (!rows) return unexpected(rows.error());
    if (rows->empty()) break;
    after = rows->back().organisation.id;
    const bool last = static_cast<int>(rows->size()) < kPage;
    for (auto& row : *rows) out.push_back(std::move(row));
    if (last) break;
  }
  return out;
}

View project_list_item(const store::ProjectSummary& p, Lang lang) {
  View item;
  item.set("href", href(lang, "/projects/" + std::to_string(p.id)));
  item.set("title", p.title.empty() ? message(lang, "untitled") : p.title);
  item.set("language", p.language);
  item.set("programme", p.programme.value_or(""));
  item.set("has_programme", flag(p.programme.has_value()));
  item.set("period", period_text(p.period, lang));
  item.set("kind", enum_text(lang, "kind", model::to_string(p.kind)));
  return item;
}

// A page of published projects matching `filter` into view["projects"],
// with the pager's links; kNotFound-free (an empty page is a page).
Result<std::int64_t> set_project_page(const Context& context, const Request& request, store::ProjectFilter filter,
                                  View& view) {
  const Lang lang = lang_of_path(request.path);
  auto after = query_int(request, "after", 0, INT64_MAX);
  if (!after) return unexpected(after.error());
  filter.visibility = store::Visibility::kPublic;
  store::PageRequest page;
  page.limit = kListPageSize;
  page.after_id = after->value_or(0);
  auto result = context.store.list_projects(filter, page);
  if (!result) return unexpected(result.error());
  View items = View::type::list;
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

}  // namespace tiltas::http::pages
