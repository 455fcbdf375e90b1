#include <catch2/catch.hpp>

#include <string>

#include "copytrail/normalizer.h"
#include "copytrail/phrases.h"

using namespace copytrail;

namespace {

NameMentions Mentions(const std::string& text) {
  AnalyzedText analyzed;
  Analyze(text, &analyzed);
  NameMentions names;
  ListNameMentions(text, analyzed, &names);
  return names;
}

}  // namespace

TEST_CASE("a name mentioned alone before its introduction is counted on that side", "[phrases]") {
  const std::string source = "The talks opened with Gordon Brown in the chair. Later officials told Brown no.";
  const std::string moved = "Later officials told Brown no. The talks opened with Gordon Brown in the chair.";
  MentionOrder order = CompareMentions(Mentions(source), Mentions(moved));
  CHECK(order.a_bare_first == 0);
  CHECK(order.b_bare_first == 1);
  MentionOrder reversed = CompareMentions(Mentions(moved), Mentions(source));
  CHECK(reversed.a_bare_first == 1);
  CHECK(reversed.b_bare_first == 0);
}

TEST_CASE("titles, function words and headlines in capitals introduce no name", "[phrases]") {
  // "Mr Brown" is how a later mention reads; "The" and "New" are function words; a headline in
  // capitals names nothing as a name.
  CHECK(Mentions("Officials told Mr Brown no. Then Brown left.").bare_first.empty());
  CHECK(Mentions("PM GORDON BROWN RESIGNS\n\nOfficials told Brown no.").bare_first.empty());
  NameMentions names = Mentions("Officials told Brown no. They met the Chancellor Brown later.");
  CHECK(names.bare_first.size() == 1);
}

TEST_CASE("an introduction wrapped over two lines still counts, one across paragraphs does not", "[phrases]") {
  CHECK(Mentions("Officials told Brown no. Talks were led by Gordon\nBrown later.").bare_first.size() == 1);
  CHECK(Mentions("Officials told Brown no. Talks were led by Gordon\n\nBrown later.").bare_first.empty());
}
