// A fresh directory under the system temp dir, removed with its contents
// when the object dies. Tests never share fixed paths.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

namespace tiltas::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "tiltas-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) std::abort();
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline std::string shared_dir() { return TILTAS_SHARED_DIR; }
inline bool shared_available() { return std::filesystem::exists(std::filesystem::path(TILTAS_SHARED_DIR) / "corpus"); }

}  // namespace tiltas::testing
