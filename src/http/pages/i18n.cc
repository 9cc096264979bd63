#include "http/pages/i18n.h"

#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "http/assets.h"

namespace tiltas::http::pages {
namespace {

struct Catalogue {
  std::map<std::string, std::string, std::less<>> messages;
  kainjow::mustache::data view;
  std::string error;  // empty when the catalogue parsed
};

Catalogue load(Lang lang) {
  Catalogue c;
  const std::string name = fmt::format("i18n/{}.json", code(lang));
  auto text = find_asset(name);
  if (!text) {
    c.error = "no catalogue " + name;
    return c;
  }
  auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    c.error = name + " is not a JSON object";
    return c;
  }
  for (const auto& [key, value] : json.items()) {
    if (!value.is_string()) {
      c.error = fmt::format("{}: '{}' is not a string", name, key);
      continue;
    }
    c.messages.emplace(key, value.get<std::string>());
    c.view.set(key, value.get<std::string>());
  }
  return c;
}

// Loaded once, on first use (thread-safe static initialisation); read-only after.
const Catalogue& catalogue(Lang lang) {
  static const Catalogue en = load(Lang::kEn);
  static const Catalogue lt = load(Lang::kLt);
  return lang == Lang::kLt ? lt : en;
}

}  // namespace

std::string_view code(Lang lang) { return lang == Lang::kLt ? "lt" : "en"; }

Lang other(Lang lang) { return lang == Lang::kLt ? Lang::kEn : Lang::kLt; }

Lang lang_of_path(std::string_view path) {
  return path == "/lt" || path.starts_with("/lt/") ? Lang::kLt : Lang::kEn;
}

std::string_view path_prefix(Lang lang) { return lang == Lang::kLt ? "/lt" : ""; }

std::string_view unprefixed(std::string_view path) {
  if (path == "/lt") return "/";
  if (path.starts_with("/lt/")) return path.substr(3);
  return path;
}

std::string message(Lang lang, std::string_view key) {
  const auto& messages = catalogue(lang).messages;
  auto it = messages.find(key);
  return it == messages.end() ? std::string(key) : it->second;
}

std::string message(Lang lang, std::string_view key, std::string_view name, std::string_view value) {
  std::string text = message(lang, key);
  const std::string placeholder = fmt::format("{{{}}}", name);
  for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size())) {
    text.replace(at, placeholder.size(), value);
  }
  return text;
}

const kainjow::mustache::data& catalogue_view(Lang lang) { return catalogue(lang).view; }

Status check_catalogues() {
  const Catalogue& en = catalogue(Lang::kEn);
  const Catalogue& lt = catalogue(Lang::kLt);
  if (!en.error.empty()) return internal_error(en.error);
  if (!lt.error.empty()) return internal_error(lt.error);
  for (const auto& [key, value] : en.messages) {
    if (!lt.messages.contains(key)) return internal_error(fmt::format("i18n/lt.json lacks '{}'", key));
  }
  for (const auto& [key, value] : lt.messages) {
    if (!en.messages.contains(key)) return internal_error(fmt::format("i18n/en.json lacks '{}'", key));
  }
  return ok();
}

}  // namespace tiltas::http::pages
