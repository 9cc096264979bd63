// Every project of a store (translations included) as full records, without
// their times: two imports of the same documents compare equal on this.
#pragma once

#include <vector>

#include <gtest/gtest.h>

#include "model/project.h"
#include "store/store.h"

namespace tiltas::testing {

inline std::vector<model::Project> stored_projects(store::Store& s) {
  std::vector<model::Project> out;
  store::ProjectFilter f;
  f.visibility = store::Visibility::kAll;
  f.include_translations = true;
  auto page = s.list_projects(f, {500, 0});
  EXPECT_TRUE(page) << page.error().message;
  if (!page) return out;
  for (const auto& row : page->items) {
    auto p = s.get_project(row.id, store::Visibility::kAll);
    EXPECT_TRUE(p) << p.error().message;
    if (!p) continue;
    p->created_at.clear();
    p->updated_at.clear();
    out.push_back(*p);
  }
  return out;
}

}  // namespace tiltas::testing
