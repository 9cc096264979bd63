// Where a value was read: byte offsets [start, end) into a document's text.
#pragma once

#include <cstddef>
#include <optional>

namespace tiltas::model {

struct SourceSpan {
  std::size_t start = 0;
  std::size_t end = 0;

  std::size_t size() const { return end > start ? end - start : 0; }
  bool operator==(const SourceSpan&) const = default;
};

using OptionalSpan = std::optional<SourceSpan>;

}  // namespace tiltas::model
