#include "http/pages/render.h"

#include <fmt/format.h>

#include "http/assets.h"

namespace tiltas::http::pages {
namespace {

constexpr std::string_view kTemplatePrefix = "templates/";
constexpr std::string_view kTemplateSuffix = ".mustache";

Result<std::string> template_text(std::string_view name) {
  auto text = find_asset(fmt::format("{}{}{}", kTemplatePrefix, name, kTemplateSuffix));
  if (!text) return internal_error(fmt::format("no template '{}'", name));
  return std::string(*text);
}

}  // namespace

Result<std::string> render_page(std::string_view name, const std::string& page_title, View view) {
  return render_page(name, page_title, std::move(view), Lang::kEn, "/lt/");
}

Result<std::string> render_page(std::string_view name, const std::string& page_title, View view, Lang lang,
                                const std::string& switch_href) {
  auto layout_text = template_text("layout");
  if (!layout_text) return unexpected(layout_text.error());
  auto content_text = template_text(name);
  if (!content_text) return unexpected(content_text.error());

  kainjow::mustache::mustache layout(*layout_text);
  if (!layout.is_valid()) return internal_error("template layout: " + layout.error_message());
  // The page is the layout's {{>content}} partial, rendered in the same
  // context, so no rendered HTML is ever passed through an unescaped tag.
  view.set("page_title", page_title);
  view.set("lang", std::string(code(lang)));
  view.set("t", catalogue_view(lang));
  const std::string prefix(path_prefix(lang));
  view.set("home_href", prefix + "/");
  view.set("search_href", prefix + "/search");
  view.set("results_href", prefix + "/results");
  view.set("map_href", prefix + "/map");
  view.set("network_href", prefix + "/network");
  view.set("timeline_href", prefix + "/timeline");
  view.set("switch_href", switch_href);
  std::string content = std::move(*content_text);
  view.set("content", kainjow::mustache::partial([&content] { return content; }));
  std::string html = layout.render(view);
  if (!layout.is_valid()) return internal_error(fmt::format("template {}: {}", name, layout.error_message()));
  return html;
}

Result<std::string> render_fragment(std::string_view name, View view, Lang lang) {
  auto text = template_text(name);
  if (!text) return unexpected(text.error());
  kainjow::mustache::mustache fragment(*text);
  if (!fragment.is_valid()) return internal_error(fmt::format("template {}: {}", name, fragment.error_message()));
  view.set("lang", std::string(code(lang)));
  view.set("t", catalogue_view(lang));
  std::string out = fragment.render(view);
  if (!fragment.is_valid()) return internal_error(fmt::format("template {}: {}", name, fragment.error_message()));
  return out;
}

Result<std::string> template_source(std::string_view name) { return template_text(name); }

Status check_templates() {
  for (std::string_view asset : asset_names()) {
    if (!asset.starts_with(kTemplatePrefix) || !asset.ends_with(kTemplateSuffix)) continue;
    auto text = find_asset(asset);
    kainjow::mustache::mustache t{std::string(*text)};
    if (!t.is_valid()) return internal_error(fmt::format("{}: {}", asset, t.error_message()));
  }
  if (auto catalogues = check_catalogues(); !catalogues) return catalogues;
  for (std::string_view required : {"layout", "error", "home", "project", "search", "organisation", "country"}) {
    auto text = template_text(required);
    if (!text) return unexpected(text.error());
  }
  return ok();
}

}  // namespace tiltas::http::pages
