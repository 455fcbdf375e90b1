#include <catch2/catch.hpp>

#include "copytrail/normalizer.h"

using namespace copytrail;

namespace {

std::vector<uint64_t> Hashes(const std::string& text) {
  AnalyzedText a;
  Analyze(text, &a);
  std::vector<uint64_t> out;
  for (const auto& t : a.tokens) out.push_back(t.hash);
  return out;
}

}  // namespace

TEST_CASE("folding table: case, accents, quotes and apostrophes", "[normalize]") {
  struct Row {
    const char* a;
    const char* b;
  };
  const Row same[] = {
      {"Café", "cafe"},
      {"CAFÉ", "café"},
      {"Straße", "strasse"},
      {"naïve résumé", "naive resume"},
      {"Starmer’s plan", "starmer's plan"},
      {"Starmer's plan", "starmer plan"},
      {"don't", "dont"},
      {"“Quoted” text", "\"quoted\" text"},
      {"US-drafted", "us drafted"},
      {"ﬁnance", "finance"},  // compatibility ligature
      {"Ｆｕｌｌ", "full"},     // fullwidth letters
      {"one  \n\t two", "one two"},
  };
  for (const Row& r : same) {
    INFO(r.a << " vs " << r.b);
    CHECK(Hashes(r.a) == Hashes(r.b));
  }
  CHECK(Hashes("plan") != Hashes("plans"));
}

TEST_CASE("figures: a decimal point or thousands separator between digits stays inside the number", "[normalize]") {
  CHECK(Hashes("2.5 pct") != Hashes("2 5 pct"));
  CHECK(Hashes("2.5 pct") != Hashes("25 pct"));
  CHECK(Hashes("2.5 pct") != Hashes("5.2 pct"));
  CHECK(Hashes("1,200 head") == Hashes("1200 head"));
  CHECK(Hashes("13,914.4") == Hashes("13914.4"));
  // Elsewhere the marks still separate words.
  CHECK(Hashes("rose 9. Then") == Hashes("rose 9 then"));
  CHECK(Hashes("items 3, 4") == Hashes("items 3 4"));
  CHECK(Hashes("U.S. rate") == Hashes("u s rate"));
  AnalyzedText a;
  Analyze("Prices rose 0.3 pct to 168.5.", &a);
  REQUIRE(a.tokens.size() == 6);
  CHECK((a.tokens[2].flags & kNumber) != 0);
  CHECK(a.tokens[5].end - a.tokens[5].begin == 5);  // "168.5", the full stop left out
}

TEST_CASE("tokens keep byte offsets into the original text", "[normalize]") {
  std::string text = "Ünïcode “quote” test";
  AnalyzedText a;
  Analyze(text, &a);
  REQUIRE(a.tokens.size() == 3);
  CHECK(text.substr(a.tokens[0].begin, a.tokens[0].end - a.tokens[0].begin) == "Ünïcode");
  CHECK(text.substr(a.tokens[1].begin, a.tokens[1].end - a.tokens[1].begin) == "quote");
  CHECK(text.substr(a.tokens[2].begin, a.tokens[2].end - a.tokens[2].begin) == "test");
  CHECK(a.quote_marks == 2);
}

TEST_CASE("flags: numbers, names, stop words, sentences", "[normalize]") {
  AnalyzedText a;
  Analyze("The cost rose 12 pct. Mr Trump said it was Geneva.\n\nNew paragraph here", &a);
  REQUIRE(a.tokens.size() == 14);
  CHECK((a.tokens[0].flags & kStopWord));
  CHECK((a.tokens[0].flags & kSentenceStart));
  CHECK((a.tokens[3].flags & kNumber));
  CHECK((a.tokens[6].flags & kCapitalized));   // Trump
  CHECK_FALSE((a.tokens[1].flags & kCapitalized));
  CHECK(a.tokens[5].sentence == 1);            // Mr
  CHECK(a.tokens[11].sentence == 2);           // New
  CHECK(a.sentences == 3);
  CHECK(a.line_hashes.size() == 2);
}

TEST_CASE("U+FFFD and symbols separate words", "[normalize]") {
  CHECK(Hashes("ab\xEF\xBF\xBD" "cd").size() == 2);
  CHECK(Hashes("a→b").size() == 2);
  CHECK(Hashes("").empty());
  CHECK(Hashes("  ...  ").empty());
}

TEST_CASE("line hashes ignore spacing and case", "[normalize]") {
  AnalyzedText a, b;
  Analyze("Subscribe to our newsletter\nstory text", &a);
  Analyze("SUBSCRIBE  to our   newsletter!\nother text", &b);
  CHECK(a.line_hashes[0] == b.line_hashes[0]);
  CHECK(a.line_hashes[1] != b.line_hashes[1]);
}

TEST_CASE("each line with words is hashed alone, ending where its newline is", "[normalize]") {
  const std::string text = "Header line\n\n  ...  \nStory text here.\r\nLast line";
  AnalyzedText whole, line;
  Analyze(text, &whole);
  REQUIRE(whole.line_hashes.size() == 3);
  REQUIRE(whole.line_ends.size() == 3);
  CHECK(whole.line_ends[0] == text.find("\n"));
  CHECK(whole.line_ends[1] == text.find("\r\n") + 1);
  CHECK(whole.line_ends[2] == text.size());
  Analyze("Story text here.\r", &line);
  CHECK(line.line_hashes == std::vector<uint64_t>{whole.line_hashes[1]});
}

TEST_CASE("words of every length fold and flag the same way", "[normalize]") {
  // Lengths around the 16-byte blocks of the fast path and the 128-byte cut, each word in upper
  // case, with a digit at its end (the number flag must survive a cut), and next to accents.
  for (size_t length : {1, 2, 15, 16, 17, 31, 32, 33, 127, 128, 129, 200}) {
    std::string word;
    for (size_t i = 0; i < length; ++i) word += static_cast<char>('a' + i % 26);
    std::string upper = word;
    for (char& c : upper) c = static_cast<char>(c - 32);
    INFO("length " << length);
    AnalyzedText a, b;
    Analyze("x " + upper + " y", &a);
    Analyze("x " + word + " y", &b);
    REQUIRE(a.tokens.size() == 3);
    CHECK(a.tokens[1].hash == b.tokens[1].hash);
    CHECK(a.tokens[1].hash == WordHash(word.substr(0, 128)));
    CHECK(a.tokens[1].end - a.tokens[1].begin == length);
    CHECK(!(a.tokens[1].flags & kNumber));
    Analyze("x " + word + "7 y", &a);
    CHECK(a.tokens[1].flags & kNumber);
    CHECK(a.tokens[1].end - a.tokens[1].begin == length + 1);
    Analyze("x é" + upper + " y", &a);
    Analyze("x e" + word + " y", &b);
    CHECK(a.tokens[1].hash == b.tokens[1].hash);
  }
}

TEST_CASE("words of e-mail addresses, message ids and URLs are flagged as addresses", "[normalize]") {
  const std::string text = "In article <1r0q@clem.example.com> jmd@cube.example.com (Jim Arras) writes: see "
                           "http://www.example.org/story at 5 @ noon";
  AnalyzedText a;
  Analyze(text, &a);
  std::vector<std::string> address, other;
  for (const Token& t : a.tokens)
    ((t.flags & kAddress) ? address : other).push_back(text.substr(t.begin, t.end - t.begin));
  CHECK(address == std::vector<std::string>{"1r0q", "clem", "example", "com", "jmd", "cube", "example", "com",
                                            "http", "www", "example", "org", "story"});
  CHECK(other == std::vector<std::string>{"In", "article", "Jim", "Arras", "writes", "see", "at", "5", "noon"});
}
