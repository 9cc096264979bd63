// The OpenAPI document (docs/openapi.json) and the route table agree: every
// route is documented with its method, and every documented operation is
// routed. (Its validity as OpenAPI 3 is checked by a real validator from
// npm: the openapi_validate test.)
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/route_table.h"

namespace tiltas::http {
namespace {

// "/projects/:id" -> "/projects/{id}"
std::string openapi_path(std::string_view express) {
  std::string out;
  for (std::size_t i = 0; i < express.size(); ++i) {
    if (express[i] == ':' && (i == 0 || express[i - 1] == '/')) {
      std::size_t end = express.find('/', i);
      if (end == std::string_view::npos) end = express.size();
      out.push_back('{');
      out.append(express.substr(i + 1, end - i - 1));
      out.push_back('}');
      i = end - 1;
    } else {
      out.push_back(express[i]);
    }
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

nlohmann::json load_document() {
  std::ifstream in(std::string(TILTAS_SOURCE_DIR) + "/docs/openapi.json");
  EXPECT_TRUE(in) << "docs/openapi.json is missing";
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

TEST(OpenApiDocument, EveryRouteIsDocumentedAndEveryOperationRouted) {
  const nlohmann::json doc = load_document();
  ASSERT_TRUE(doc.contains("paths"));
  std::set<std::string> routed, documented;
  for (const Route& r : route_table()) routed.insert(lower(r.method) + " " + openapi_path(r.path));
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [key, operation] : item.items()) {
      if (key == "parameters" || key == "summary" || key == "description") continue;
      documented.insert(key + " " + path);
    }
  }
  for (const auto& r : routed) EXPECT_TRUE(documented.contains(r)) << "routed but not in docs/openapi.json: " << r;
  for (const auto& d : documented) EXPECT_TRUE(routed.contains(d)) << "in docs/openapi.json but not routed: " << d;
}

TEST(OpenApiDocument, TokenRoutesRequireTheBearerScheme) {
  const nlohmann::json doc = load_document();
  for (const Route& r : route_table()) {
    const std::string path = openapi_path(r.path);
    if (!doc["paths"].contains(path) || !doc["paths"][path].contains(lower(r.method))) continue;  // test above
    const auto& op = doc["paths"][path][lower(r.method)];
    const bool secured = op.contains("security") && !op["security"].empty();
    EXPECT_EQ(secured, r.access == Access::kToken) << r.method << " " << r.path;
  }
}

TEST(OpenApiDocument, PathConversionCases) {
  struct Case {
    std::string_view express, openapi, why;
  };
  const Case cases[] = {
      {"/api/v1/projects", "/api/v1/projects", "no parameter"},
      {"/api/v1/projects/:id", "/api/v1/projects/{id}", "parameter at the end"},
      {"/api/v1/projects/:id/publish", "/api/v1/projects/{id}/publish", "parameter in the middle"},
  };
  for (const auto& c : cases) EXPECT_EQ(openapi_path(c.express), c.openapi) << c.why;
}

}  // namespace
}  // namespace tiltas::http
