#include "http/pages/atlas.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "base/country.h"
#include "http/pages/registry_facts.h"
#include "http/pages/site.h"

namespace tiltas::http::pages {
namespace {

using kainjow::mustache::data;

struct Tile {
  std::string_view country;
  int column, row;
};

// A tile-grid map: each country one square, placed roughly where it lies,
// so small countries (Liechtenstein, Luxembourg) are as visible as large
// ones and no outline data is needed.
constexpr std::array<Tile, 44> kTiles = {{
    {"IS", 0, 0}, {"NO", 4, 0}, {"SE", 5, 0}, {"FI", 6, 0},
    {"IE", 1, 1}, {"GB", 2, 1}, {"DK", 4, 1}, {"EE", 6, 1}, {"RU", 7, 1},
    {"LU", 2, 2}, {"NL", 3, 2}, {"DE", 4, 2}, {"PL", 5, 2}, {"LV", 6, 2},
    {"FR", 2, 3}, {"BE", 3, 3}, {"CZ", 4, 3}, {"SK", 5, 3}, {"LT", 6, 3}, {"BY", 7, 3},
    {"PT", 0, 4}, {"ES", 1, 4}, {"CH", 3, 4}, {"AT", 4, 4}, {"HU", 5, 4}, {"UA", 6, 4}, {"MD", 7, 4},
    {"LI", 3, 5}, {"SI", 4, 5}, {"HR", 5, 5}, {"RS", 6, 5}, {"RO", 7, 5},
    {"IT", 3, 6}, {"BA", 4, 6}, {"ME", 5, 6}, {"MK", 6, 6}, {"BG", 7, 6},
    {"MT", 3, 7}, {"AL", 5, 7}, {"GR", 6, 7}, {"TR", 7, 7}, {"XK", 4, 7},
    {"CY", 7, 8}, {"GE", 8, 6},
}};

constexpr int kTileSize = 58;
constexpr int kTileGap = 4;

// Five shades of the accent colour; the text on the darker ones is white
// (contrast >= 4.5:1 both ways).
struct Shade {
  std::string_view fill, text;
};
constexpr std::array<Shade, 6> kShades = {{
    {"#eef1f4", "#1b1f23"}, {"#cfe2f7", "#1b1f23"}, {"#9ec5ee", "#1b1f23"},
    {"#5b9bdc", "#1b1f23"}, {"#1f6fc0", "#ffffff"}, {"#0b3f78", "#ffffff"},
}};

std::size_t shade_of(std::int64_t count, std::int64_t most) {
  if (count <= 0 || most <= 0) return 0;
  // Square-root scale: a few large countries should not wash out the rest.
  const double share = std::sqrt(static_cast<double>(count) / static_cast<double>(most));
  return 1 + std::min<std::size_t>(4, static_cast<std::size_t>(share * 5));
}

Result<Reply> map(const Context& context, const Request& request) {
  const Lang lang = lang_of_path(request.path);
  auto facts = registry_facts(context);
  if (!facts) return unexpected(facts.error());
  const auto& countries = (*facts)->countries;
  std::int64_t most = 0;
  for (const auto& [code, c] : countries) most = std::max(most, c.projects);

  data tiles = data::type::list;
  for (const auto& tile : kTiles) {
    const auto it = countries.find(std::string(tile.country));
    const std::int64_t projects = it == countries.end() ? 0 : it->second.projects;
    const Shade& shade = kShades[shade_of(projects, most)];
    const int x = tile.column * (kTileSize + kTileGap);
    const int y = tile.row * (kTileSize + kTileGap);
    data item;
    item.set("code", std::string(tile.country));
    item.set("x", std::to_string(x));
    item.set("y", std::to_string(y));
    item.set("size", std::to_string(kTileSize));
    item.set("text_x", std::to_string(x + kTileSize / 2));
    item.set("code_y", std::to_string(y + 24));
    item.set("count_y", std::to_string(y + 44));
    item.set("fill", std::string(shade.fill));
    item.set("text_fill", std::string(shade.text));
    item.set("count", projects > 0 ? std::to_string(projects) : "");
    item.set("label", fmt::format("{}: {}", country_text(tile.country, lang),
                                  message(lang, "project_count", "count", std::to_string(projects))));
    item.set("href", href(lang, "/countries/" + std::string(tile.country)));
    tiles.push_back(item);
  }

  std::vector<std::pair<std::string, CountryTotals>> rows(countries.begin(), countries.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second.projects > b.second.projects; });
  data table = data::type::list;
  for (const auto& [code, c] : rows) {
    data item;
    item.set("name", country_text(code, lang));
    item.set("href", href(lang, "/countries/" + url_encode(code)));
    item.set("projects", std::to_string(c.projects));
    item.set("organisations", std::to_string(c.organisations));
    item.set("participations", std::to_string(c.participations));
    table.push_back(item);
  }
  data view;
  view.set("tiles", tiles);
  view.set("width", std::to_string(9 * (kTileSize + kTileGap)));
  view.set("height", std::to_string(9 * (kTileSize + kTileGap)));
  set_list(view, "countries", table, !rows.empty());
  data legend = data::type::list;
  for (std::size_t i = 1; i < kShades.size(); ++i) {
    data item;
    item.set("fill", std::string(kShades[i].fill));
    item.set("x", std::to_string(static_cast<int>(i - 1) * 40));
    legend.push_back(item);
  }
  view.set("legend", legend);
  view.set("legend_most", std::to_string(most));
  return render_reply("map", message(lang, "map_title"), std::move(view), request);
}

Result<Reply> network(const Context& context, const Request& request) {
  const Lang lang = lang_of_path(request.path);
  auto limit = query_int(request, "limit", 1, 300);
  if (!limit) return unexpected(limit.error());
  auto facts = registry_facts(context);
  if (!facts) return unexpected(facts.error());
  const auto& f = **facts;

  // The strongest links (most shared projects), then their nodes.
  std::vector<std::pair<std::pair<model::Id, model::Id>, std::int64_t>> links(f.links.begin(), f.links.end());
  std::stable_sort(links.begin(), links.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  links.resize(std::min<std::size_t>(links.size(), static_cast<std::size_t>(limit->value_or(40))));

  std::vector<model::Id> left, right;  // Lithuanian | donor-state organisations, by first appearance
  std::map<model::Id, int> position;
  std::map<model::Id, int> degree;
  for (const auto& [pair, n] : links) {
    ++degree[pair.first];
    ++degree[pair.second];
  }
  for (const auto& [pair, n] : links) {
    if (!position.contains(pair.first)) {
      position[pair.first] = static_cast<int>(left.size());
      left.push_back(pair.first);
    }
    if (!position.contains(pair.second)) {
      position[pair.second] = static_cast<int>(right.size());
      right.push_back(pair.second);
    }
  }
  constexpr int kRow = 26, kTop = 30, kLeftX = 300, kRightX = 520, kWidth = 820;
  auto name_of = [&](model::Id id) {
    auto it = f.nodes.find(id);
    std::string name = it == f.nodes.end() ? std::to_string(id) : it->second.name;
    if (name.size() > 40) {
      std::size_t cut = 39;
      while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
      name = name.substr(0, cut) + "…";
    }
    return name;
  };
  auto y_of = [&](const std::vector<model::Id>& side, model::Id id) {
    const int rows = static_cast<int>(std::max(left.size(), right.size()));
    const int offset = (rows - static_cast<int>(side.size())) * kRow / 2;
    return kTop + offset + position[id] * kRow;
  };
  data nodes = data::type::list;
  auto add_nodes = [&](const std::vector<model::Id>& side, bool is_left) {
    for (model::Id id : side) {
      const auto it = f.nodes.find(id);
      data item;
      item.set("name", name_of(id));
      item.set("country", it == f.nodes.end() ? std::string() : it->second.country);
      item.set("href", href(lang, "/organisations/" + std::to_string(id)));
      item.set("cx", std::to_string(is_left ? kLeftX : kRightX));
      item.set("cy", std::to_string(y_of(side, id)));
      item.set("text_x", std::to_string(is_left ? kLeftX - 10 : kRightX + 10));
      item.set("text_y", std::to_string(y_of(side, id) + 4));
      item.set("anchor", is_left ? "end" : "start");
      item.set("r", std::to_string(std::min(4 + degree[id], 11)));
      nodes.push_back(item);
    }
  };
  add_nodes(left, true);
  add_nodes(right, false);
  data edges = data::type::list;
  data table = data::type::list;
  for (const auto& [pair, n] : links) {
    data edge;
    edge.set("x1", std::to_string(kLeftX));
    edge.set("y1", std::to_string(y_of(left, pair.first)));
    edge.set("x2", std::to_string(kRightX));
    edge.set("y2", std::to_string(y_of(right, pair.second)));
    edge.set("stroke_width", std::to_string(std::min<std::int64_t>(1 + n, 6)));
    edges.push_back(edge);
    data row;
    row.set("a_name", f.nodes.contains(pair.first) ? f.nodes.at(pair.first).name : std::to_string(pair.first));
    row.set("a_href", href(lang, "/organisations/" + std::to_string(pair.first)));
    row.set("b_name", f.nodes.contains(pair.second) ? f.nodes.at(pair.second).name : std::to_string(pair.second));
    row.set("b_href", href(lang, "/organisations/" + std::to_string(pair.second)));
    row.set("b_country", f.nodes.contains(pair.second) ? country_text(f.nodes.at(pair.second).country, lang) : "");
    row.set("projects", std::to_string(n));
    table.push_back(row);
  }
  data view;
  view.set("nodes", nodes);
  view.set("edges", edges);
  set_list(view, "links", table, !links.empty());
  view.set("width", std::to_string(kWidth));
  view.set("height", std::to_string(kTop * 2 + static_cast<int>(std::max(left.size(), right.size())) * kRow));
  view.set("left_heading_x", std::to_string(kLeftX));
  view.set("right_heading_x", std::to_string(kRightX));
  view.set("total_links", std::to_string(f.links.size()));
  view.set("shown_text", message(lang, "network_shown", "count", std::to_string(links.size())));
  view.set("more_href", links.size() < f.links.size() ? href(lang, "/network") + "?limit=300" : std::string());
  view.set("has_more", flag(links.size() < f.links.size() && links.size() < 300));
  return render_reply("network", message(lang, "network_title"), std::move(view), request);
}

}  // namespace

std::optional<std::pair<int, int>> map_tile(std::string_view country) {
  for (const auto& t : kTiles) {
    if (t.country == country) return std::pair{t.column, t.row};
  }
  return std::nullopt;
}

Result<Reply> map_page(const Context& context, const Request& request) {
  return localize_errors(map(context, request), request);
}

Result<Reply> network_page(const Context& context, const Request& request) {
  return localize_errors(network(context, request), request);
}

}  // namespace tiltas::http::pages
