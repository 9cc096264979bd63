// Text in several languages, keyed by ISO 639-1 code ("en", "lt", "nb").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tiltas::model {

class LocalizedText {
 public:
  void set(std::string language, std::string value) { values_[std::move(language)] = std::move(value); }
  void erase(const std::string& language) { values_.erase(language); }
  // The text in `language`, or std::nullopt.
  std::optional<std::string> get(const std::string& language) const {
    auto it = values_.find(language);
    if (it == values_.end()) return std::nullopt;
    return it->second;
  }
  // The text in `language`, else in `fallback`, else any text, else "".
  std::string best(const std::string& language, const std::string& fallback = "en") const {
    if (auto v = get(language)) return *v;
    if (auto v = get(fallback)) return *v;
    return values_.empty() ? std::string() : values_.begin()->second;
  }
  bool empty() const { return values_.empty(); }
  const std::map<std::string, std::string>& all() const { return values_; }
  bool operator==(const LocalizedText&) const = default;

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace tiltas::model
