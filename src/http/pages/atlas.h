// Where the partners are: a map of Europe with partner counts by country,
// and the partnership network between Lithuanian organisations and their
// Norwegian, Icelandic and Liechtenstein partners. Both are drawn on the
// server as SVG with a table of the same figures, so they work without
// JavaScript; the portal script only adds interaction.
#pragma once

#include <optional>
#include <string_view>
#include <utility>

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http::pages {

// The tile of a European country on the map's grid (column, row), or
// std::nullopt for a country the grid does not show (the table still does).
std::optional<std::pair<int, int>> map_tile(std::string_view country);

// GET /map and /lt/map.
Result<Reply> map_page(const Context& context, const Request& request);

// GET /network and /lt/network (?limit=N links, default 40, at most 300).
Result<Reply> network_page(const Context& context, const Request& request);

}  // namespace tiltas::http::pages
