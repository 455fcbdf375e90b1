#include <catch2/catch.hpp>

#include "copytrail/provenance.h"

using namespace copytrail;
using Names = std::vector<std::string>;

namespace {
Names SiteNames(std::string_view url, std::string_view source) {
  Names names;
  AddSiteNames(url, source, &names);
  SortNames(&names);
  return names;
}
}  // namespace

TEST_CASE("a document goes by its URL's host and address and by a source written as a name", "[provenance]") {
  CHECK(SiteNames("https://www.BBC.co.uk/news/world-123?at_medium=rss#top", "BBC News") ==
        Names{"BBC News", "bbc.co.uk", "bbc.co.uk/news/world-123"});
  CHECK(SiteNames("http://example.org/", "") == Names{"example.org"});
  CHECK(SiteNames("", "www.NYTimes.com") == Names{"nytimes.com"});
  // A source in lower case may be a common word; a host without a dot is no public site.
  CHECK(SiteNames("http://localhost:8080/a", "copy").empty());
  CHECK(SiteNames("not a url", "blog").empty());
  // A newsgroup's label has a dot but is neither an address nor written as a name.
  CHECK(SiteNames("", "usenet:alt.atheism").empty());
  CHECK(SiteNames("", "www.").empty());
  // A list of several documents' names holds each once, sorted.
  Names both;
  for (const char* url : {"https://news.example/b", "https://news.example/a", "http://news.example/b"})
    AddSiteNames(url, "", &both);
  SortNames(&both);
  CHECK(both == Names{"news.example", "news.example/a", "news.example/b"});
}

TEST_CASE("names are found as whole words, addresses in any case and names as written", "[provenance]") {
  const Names names = {"Daily Star", "bbc.co.uk", "bbc.co.uk/news/1"};
  const NameFinder finder(names);
  CHECK(finder.Mentioned("Source: https://news.BBC.co.uk/sport") == Names{"bbc.co.uk"});
  CHECK(finder.Mentioned("See bbc.co.uk/news/1.") == Names{"bbc.co.uk", "bbc.co.uk/news/1"});
  CHECK(finder.Mentioned("bbc.co.uk/news/12 and abbc.co.uk and my-bbc.co.uk") == Names{"bbc.co.uk"});
  CHECK(finder.Mentioned("first published by the Daily Star's newsroom") == Names{"Daily Star"});
  CHECK(finder.Mentioned("a daily star chart; the Daily Starling").empty());
}

TEST_CASE("a credit is a name of the other's site that it does not mention itself and is not one's own", "[provenance]") {
  const Names copier = {"farm.example"}, source = {"news.example"};
  Credits c = CompareCredits(copier, {"news.example"}, source, {});
  CHECK(c.a_names_b == "news.example");
  CHECK(c.b_names_a.empty());
  // The source names itself ("told News Example"): the copy's mention is inherited, no credit.
  CHECK(CompareCredits(copier, {"news.example"}, source, {"news.example"}).a_names_b.empty());
  // Two pages of one site name it alike.
  CHECK(CompareCredits(source, {"news.example"}, source, {}).a_names_b.empty());
}

TEST_CASE("a wire story that says it revises another is marked, and later updates rank higher", "[provenance]") {
  CHECK(RevisionMark("GM SEES RISE IN EUROPEAN SALES\n\nGeneral Motors said...") == 0);
  CHECK(RevisionMark("CORRECTED - GM SEES RISE IN EUROPEAN SALES\n\nGeneral Motors said...") == 1);
  CHECK(RevisionMark("  RPT-INSITUFORM OF NORTH AMERICA INC <INSUA> NET") == 1);
  CHECK(RevisionMark("UPDATE 2-Oil rises\n\nOil prices rose") == 3);
  CHECK(RevisionMark("UPDATE 1: Oil rises") == 2);
  // Slugs are a wire's capitals at the head of the text; the words alone mark nothing.
  CHECK(RevisionMark("Corrected figures show oil rose") == 0);
  CHECK(RevisionMark("UPDATES ON THE MARKET ARE DUE") == 0);
  CHECK(RevisionMark("OIL PRICES\n\nCORRECTED - the figures were revised") == 0);
  CHECK(RevisionMark("UK EQUITIES SEEN DUE FOR DOWNWARD CORRECTION") == 0);
  // A web page corrected in place is no separate revision: its copies may predate the notice.
  CHECK(RevisionMark("Oil rises\n\nPrices rose.\n\nCorrection: an earlier version gave the wrong date.") == 0);
  CHECK(RevisionMark("Oil rises. This story has been updated with comment from OPEC.") == 0);
}
