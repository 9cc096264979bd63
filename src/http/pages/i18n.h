// The portal's UI strings: message catalogues web/i18n/<lang>.json (flat
// objects of key -> text), embedded at build time like the templates. C++
// looks strings up by key; templates read them as {{t.key}} from the view.
#pragma once

#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

#include "base/error.h"

namespace tiltas::http::pages {

// The languages of the portal. English pages live at /..., Lithuanian at /lt/...
enum class Lang { kEn, kLt };

// "en" or "lt".
std::string_view code(Lang lang);
// The other language: the target of every page's language switch.
Lang other(Lang lang);

// kLt for "/lt" and paths below "/lt/", else kEn.
Lang lang_of_path(std::string_view path);
// "" for English, "/lt" for Lithuanian: prefix of every portal link.
std::string_view path_prefix(Lang lang);
// `path` without its "/lt" prefix ("/lt/projects/1" -> "/projects/1",
// "/lt" -> "/"); other paths unchanged.
std::string_view unprefixed(std::string_view path);

// The text of `key` in `lang`. A key missing from the catalogue (a bug the
// tests catch) gives the key itself, so a page still renders. Thread-safe.
std::string message(Lang lang, std::string_view key);
// message() with each "{name}" in it replaced by `value`.
std::string message(Lang lang, std::string_view key, std::string_view name, std::string_view value);

// The whole catalogue of `lang` as Mustache data, for the view's "t".
const kainjow::mustache::data& catalogue_view(Lang lang);

// Parses both catalogues and checks that they have the same keys, every
// value a string; kInternal naming the first problem.
Status check_catalogues();

}  // namespace tiltas::http::pages
