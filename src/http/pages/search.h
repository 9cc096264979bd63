// The portal's search page, without JavaScript: a GET form, facets as links
// that add or remove one filter (so every state is a shareable URL),
// highlighted results and pagination.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http::pages {

inline constexpr int kSearchPageSize = 20;

// GET /search and /lt/search ?q=&programme=&country=&year=&lang=&page=:
// q in the query language of search/query.h; the other parameters are one
// filter each (programme name, ISO country code, year, record language).
// Without q or filters the page shows the empty form. A query the parser
// refuses is shown on the page with its reason (status 400).
Result<Reply> search_page(const Context& context, const Request& request);

// A piece of highlighted text: plain text, marked or not.
struct Segment {
  std::string text;
  bool marked = false;
  bool operator==(const Segment&) const = default;
};

// Splits the highlighter's output (HTML-escaped text with matched words in
// <mark>…</mark>, search/highlight.h) back into plain-text segments, so that
// pages escape the text themselves and write <mark> from the template: no
// HTML from data reaches a page unescaped. Since the highlighter escapes
// every '<' of the text, each literal "<mark>" in its output is its own.
std::vector<Segment> marked_segments(std::string_view highlighted_html);

}  // namespace tiltas::http::pages
