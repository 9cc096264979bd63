#include "http/request.h"

#include <charconv>

#include <fmt/format.h>

#include "base/text.h"

namespace tiltas::http {
namespace {

// Strict decimal: no sign, no spaces, no "0x"; from_chars reports overflow.
std::optional<std::int64_t> parse_decimal(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

Result<model::Id> parse_id(std::string_view text, std::string_view field) {
  auto value = parse_decimal(text);
  if (!value || *value < 1) {
    return invalid_argument(
        fmt::format("'{}' is not a record id (a positive whole number)", text::repair_utf8(text.substr(0, 40))),
        std::string(field));
  }
  return *value;
}

Result<std::optional<std::int64_t>> query_int(const Request& request, const std::string& name, std::int64_t min,
                                              std::int64_t max) {
  auto it = request.query.find(name);
  if (it == request.query.end() || it->second.empty()) return std::optional<std::int64_t>();
  auto value = parse_decimal(it->second);
  if (!value || *value < min || *value > max) {
    return invalid_argument(fmt::format("{} must be a whole number from {} to {}", name, min, max), name);
  }
  return std::optional<std::int64_t>(*value);
}

std::optional<std::string> query_text(const Request& request, const std::string& name) {
  auto it = request.query.find(name);
  if (it == request.query.end()) return std::nullopt;
  auto trimmed = text::trim(it->second);
  if (trimmed.empty()) return std::nullopt;
  return std::string(trimmed);
}

}  // namespace tiltas::http
