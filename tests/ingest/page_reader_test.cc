#include "ingest/page_reader.h"

#include <string>

#include <gtest/gtest.h>

namespace tiltas::ingest {
namespace {

struct SniffCase {
  const char* name;
  std::string bytes;
  Format expected;
  const char* why;
};

TEST(Sniff, ContentDecidesThenTheName) {
  const SniffCase cases[] = {
      {"page.txt", "%PDF-1.4\n...", Format::kPdf, "PDF magic wins over the extension"},
      {"page", "<!DOCTYPE html><html><body>x</body></html>", Format::kHtml, "doctype"},
      {"page.txt", "\xEF\xBB\xBF  <html lang=\"lt\">", Format::kHtml, "BOM and spaces before <html>"},
      {"a.json", "{\"language\":\"en\"}", Format::kRecordsJson, "JSON by name and shape"},
      {"a.xml", "<?xml version=\"1.0\"?><iati-activities/>", Format::kXml, "XML declaration"},
      {"a.html", "<?xml version=\"1.0\"?><html xmlns=\"x\"/>", Format::kHtml, "XHTML with an XML declaration"},
      {"a.csv", "id,title\n1,x\n", Format::kCsv, "CSV by name"},
      {"a.txt", std::string("GIF89a\0\0\1", 9), Format::kBinary, "NUL bytes mean binary"},
      {"notes", "Project: Twin cities\nPeriod: 2021", Format::kText, "plain text"},
      {"fragment", "<div><p>Project</p></div>", Format::kHtml, "a saved fragment without doctype"},
      {"a.txt", "<Project title> is written in angle brackets", Format::kText, "a leading '<' alone is not HTML"},
  };
  for (const auto& c : cases) EXPECT_EQ(sniff(c.name, c.bytes), c.expected) << c.why;
}

struct HtmlCase {
  const char* html;
  const char* must_contain;
  const char* must_not_contain;
  const char* why;
};

TEST(HtmlToText, KeepsMainContentOnly) {
  const HtmlCase cases[] = {
      {"<html><head><title>T</title><style>p{}</style></head><body><nav>Home | About</nav>"
       "<main><h1>Twin cities</h1><p>Period: 2021</p></main><footer>© 2023</footer></body></html>",
       "Twin cities\n\nPeriod: 2021", "Home", "nav, footer and style are dropped; main is kept"},
      {"<body><script>var x='Budget';</script><p>Budget: 12 510 Eur</p></body>", "Budget: 12 510 Eur", "var x",
       "scripts are not text"},
      {"<body><ul><li>Study visit</li><li>Conference</li></ul></body>", "• Study visit\n• Conference", nullptr,
       "list items become bullet lines"},
      {"<body><p>Oslo&nbsp;kommune &amp; Kaunas</p></body>", "Oslo\xC2\xA0kommune & Kaunas", "&amp;",
       "entities are decoded"},
      {"<body><div class=\"cookie-banner\">We use cookies</div><article><p>Project text</p></article></body>",
       "Project text", "cookies", "chrome by class is dropped, article preferred"},
      {"<body><p>Un<b>closed <i>tags</body>", "Unclosed tags", nullptr, "malformed markup is repaired"},
      {"<body><table><tr><td>Granted amount:</td><td>91.000 €</td></tr></table></body>", "Granted amount:\t91.000 €",
       nullptr, "table cells stay apart on one line"},
      {"<body><p>Line one<br>Line two</p></body>", "Line one\nLine two", nullptr, "br breaks lines"},
  };
  for (const auto& c : cases) {
    auto page = html_to_text(c.html);
    EXPECT_NE(page.text.find(c.must_contain), std::string::npos) << c.why << "\n---\n" << page.text;
    if (c.must_not_contain) {
      EXPECT_EQ(page.text.find(c.must_not_contain), std::string::npos) << c.why << "\n---\n" << page.text;
    }
  }
}

TEST(HtmlToText, TitleFromH1ElseTitleElement) {
  EXPECT_EQ(html_to_text("<html><head><title>Site | Page</title></head><body><h1> Twin  cities </h1></body></html>").title,
            "Twin cities");
  EXPECT_EQ(html_to_text("<html><head><title>Only title</title></head><body><p>x</p></body></html>").title,
            "Only title");
}

// A minimal one-page PDF with a text layer (Helvetica, "Project Kaunas 2021").
std::string tiny_pdf(const std::string& words) {
  std::string stream = "BT /F1 12 Tf 72 712 Td (" + words + ") Tj ET";
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  auto obj = [&](const std::string& body) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  };
  obj("<< /Type /Catalog /Pages 2 0 R >>");
  obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
  obj("<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream");
  obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  std::size_t xref = pdf.size();
  pdf += "xref\n0 6\n0000000000 65535 f \n";
  for (auto off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

TEST(PdfToText, ReadsTheTextLayer) {
  auto page = pdf_to_text(tiny_pdf("Project Kaunas 2021"));
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_NE(page->text.find("Project Kaunas 2021"), std::string::npos) << page->text;
  EXPECT_EQ(page->format, Format::kPdf);
}

TEST(PdfToText, DamagedPdfIsAClearError) {
  auto page = pdf_to_text("%PDF-1.4\nthis is not really a pdf");
  ASSERT_FALSE(page);
  EXPECT_NE(page.error().message.find("PDF"), std::string::npos) << page.error().message;
}

struct BadCase {
  std::string bytes;
  Format format;
  const char* message_part;
  const char* why;
};

TEST(ReadPage, BadInputIsNamed) {
  const BadCase cases[] = {
      {"", Format::kText, "empty", "an empty file"},
      {"  \n\t ", Format::kText, "empty", "only whitespace"},
      {"Kaunas \xff\xfe text", Format::kText, "invalid UTF-8 at line 1, column 8", "invalid UTF-8 is located"},
      {"a\nb\n\xc3", Format::kHtml, "line 3", "a truncated sequence on line 3"},
      {std::string("\x89PNG\0\0", 6), Format::kBinary, "binary", "binary content"},
      {std::string(kMaxSourceBytes + 1, 'a'), Format::kText, "over the limit", "a file over the size limit"},
  };
  for (const auto& c : cases) {
    auto r = read_page(c.bytes, c.format);
    ASSERT_FALSE(r) << c.why;
    EXPECT_NE(r.error().message.find(c.message_part), std::string::npos) << c.why << ": " << r.error().message;
  }
}

TEST(ReadPage, PlainTextKeepsBytesSoSpansPointIntoIt) {
  auto r = read_page("Kaunas 2021\n", Format::kText);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "Kaunas 2021\n");
  auto bom = read_page("\xEF\xBB\xBFKaunas", Format::kText);
  ASSERT_TRUE(bom);
  EXPECT_EQ(bom->text, "Kaunas") << "a byte-order mark is not text";
}

}  // namespace
}  // namespace tiltas::ingest
