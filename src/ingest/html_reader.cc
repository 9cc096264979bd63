#include <string>

#include <gumbo.h>

#include "base/text.h"
#include "ingest/page_reader.h"

namespace tiltas::ingest {
namespace {

bool is_skipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG: case GUMBO_TAG_HEAD: case GUMBO_TAG_OBJECT: case GUMBO_TAG_CANVAS:
      return true;
    default:
      return false;
  }
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_BR: case GUMBO_TAG_LI: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TR: case GUMBO_TAG_TABLE: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
    case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_DL: case GUMBO_TAG_HR: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CAPTION:
      return true;
    default:
      return false;
  }
}

bool is_heading(GumboTag tag) {
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 ||
         tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

// Elements whose role or class says they are page chrome, not content.
bool is_chrome(const GumboElement& el) {
  if (const GumboAttribute* role = gumbo_get_attribute(&el.attributes, "role")) {
    std::string r = role->value;
    if (r == "navigation" || r == "banner" || r == "contentinfo" || r == "search") return true;
  }
  if (const GumboAttribute* cls = gumbo_get_attribute(&el.attributes, "class")) {
    std::string c = text::to_lower(cls->value);
    for (const char* word : {"cookie", "breadcrumb", "menu", "sidebar", "share", "navbar"}) {
      if (c.find(word) != std::string::npos) return true;
    }
  }
  return false;
}

class TextBuilder {
 public:
  void text(std::string_view s) {
    // Whitespace inside inline runs collapses to single spaces, as browsers do.
    for (char c : s) {
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
        pending_space_ = !out_.empty() && out_.back() != '\n';
      } else {
        if (pending_space_) out_.push_back(' ');
        pending_space_ = false;
        out_.push_back(c);
      }
    }
  }
  void line_break() {
    pending_space_ = false;
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    if (!out_.empty() && out_.back() != '\n') out_.push_back('\n');
  }
  void cell_break() {
    pending_space_ = false;
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    if (!out_.empty() && out_.back() != '\n' && out_.back() != '\t') out_.push_back('\t');
  }
  void paragraph_break() {
    line_break();
    if (out_.size() >= 2 && out_[out_.size() - 2] != '\n') out_.push_back('\n');
  }
  std::string take() {
    line_break();
    return std::move(out_);
  }

 private:
  std::string out_;
  bool pending_space_ = false;
};

void walk(const GumboNode* node, TextBuilder& out) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
    out.text(node->v.text.text);
    return;
  }
  if (node->type == GUMBO_NODE_WHITESPACE) {
    out.text(" ");
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return;
  const GumboElement& el = node->v.element;
  if (is_skipped(el.tag) || is_chrome(el)) return;
  bool block = is_block(el.tag);
  if (block) {
    if (is_heading(el.tag) || el.tag == GUMBO_TAG_P) out.paragraph_break();
    else out.line_break();
  }
  if (el.tag == GUMBO_TAG_LI) out.text("• ");
  for (unsigned i = 0; i < el.children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(el.children.data[i]);
    walk(child, out);
    // Table cells on one row stay apart.
    if (child->type == GUMBO_NODE_ELEMENT &&
        (child->v.element.tag == GUMBO_TAG_TD || child->v.element.tag == GUMBO_TAG_TH)) {
      out.cell_break();
    }
  }
  if (block) {
    if (is_heading(el.tag) || el.tag == GUMBO_TAG_P) out.paragraph_break();
    else out.line_break();
  }
}

const GumboNode* find_first(const GumboNode* node, GumboTag tag) {
  if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
  if (node->v.element.tag == tag) return node;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    if (const GumboNode* found = find_first(static_cast<const GumboNode*>(children.data[i]), tag)) return found;
  }
  return nullptr;
}

std::string inner_text(const GumboNode* node) {
  TextBuilder b;
  if (node) walk(node, b);
  return std::string(text::trim(text::collapse_whitespace(b.take())));
}

std::string title_text(const GumboNode* title) {
  // <title> sits in <head>, which walk() skips: read its text node directly.
  if (!title || title->v.element.children.length == 0) return {};
  const auto* child = static_cast<const GumboNode*>(title->v.element.children.data[0]);
  if (child->type != GUMBO_NODE_TEXT) return {};
  return std::string(text::trim(text::collapse_whitespace(child->v.text.text)));
}

}  // namespace

PageText html_to_text(std::string_view html) {
  PageText page;
  page.format = Format::kHtml;
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  const GumboNode* root = output->root;
  const GumboNode* content = find_first(root, GUMBO_TAG_MAIN);
  if (!content) content = find_first(root, GUMBO_TAG_ARTICLE);
  if (!content) content = find_first(root, GUMBO_TAG_BODY);
  if (!content) content = root;
  TextBuilder builder;
  walk(content, builder);
  page.text = builder.take();
  page.title = inner_text(find_first(root, GUMBO_TAG_H1));
  if (page.title.empty()) page.title = title_text(find_first(root, GUMBO_TAG_TITLE));
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  return page;
}

}  // namespace tiltas::ingest
