// Renders the embedded Mustache templates. Templates hold no logic: every
// value is prepared by the page's C++ view builder, and data is only ever
// inserted with {{name}}, which HTML-escapes (a test checks that no template
// uses the unescaped {{{ }}} or {{& }} forms).
#pragma once

#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

#include "base/error.h"
#include "http/pages/i18n.h"

namespace tiltas::http::pages {

using View = kainjow::mustache::data;

// Renders templates/<name>.mustache as the content of
// templates/layout.mustache; `page_title` goes into <title>. kInternal when a
// template is missing or does not parse. Thread-safe: templates are parsed
// per call (kainjow's render mutates the template object).
//
// The layout's chrome comes from `lang`: <html lang>, the catalogue as "t"
// (UI strings, {{t.key}}), links prefixed for the language, and the language
// switch pointing at `switch_href` (the same page in the other language).
// The three-argument form is the English chrome with the switch pointing at
// the Lithuanian home page (error pages of unmatched paths).
Result<std::string> render_page(std::string_view name, const std::string& page_title, View view);
Result<std::string> render_page(std::string_view name, const std::string& page_title, View view, Lang lang,
                                const std::string& switch_href);

// Renders templates/<name>.mustache on its own (no layout): SVG images and
// other non-page bodies. The catalogue of `lang` is there as "t".
Result<std::string> render_fragment(std::string_view name, View view, Lang lang);

// The text of templates/<name>.mustache, to use as a partial ({{>name}}).
Result<std::string> template_source(std::string_view name);

// Parses every embedded template and both message catalogues; kInternal
// naming the first one that fails.
// The server calls this before it starts listening.
Status check_templates();

}  // namespace tiltas::http::pages
