#include "copytrail/provenance.h"

#include <algorithm>
#include <array>

namespace copytrail {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Letters, digits and every byte of a multi-byte UTF-8 character continue a word.
bool WordByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
}

bool IsAddress(std::string_view name) {
  return name.find('.') != std::string_view::npos && name.find(' ') == std::string_view::npos;
}

std::string_view WithoutWww(std::string_view host) { return host.starts_with("www.") ? host.substr(4) : host; }

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

void AddSiteNames(std::string_view url, std::string_view source, std::vector<std::string>* names) {
  auto add = [names](std::string name) {
    if (!name.empty() && !Contains(*names, name)) names->push_back(std::move(name));
  };
  std::string lower = LowerAscii(Trim(url));
  std::string_view address = lower;
  if (size_t scheme = address.find("://"); scheme != std::string_view::npos) address.remove_prefix(scheme + 3);
  address = address.substr(0, address.find_first_of("?#"));
  while (address.ends_with('/')) address.remove_suffix(1);
  std::string_view host = address.substr(0, address.find('/'));
  const std::string_view path = address.substr(host.size());
  if (size_t user = host.rfind('@'); user != std::string_view::npos) host.remove_prefix(user + 1);
  host = WithoutWww(host.substr(0, host.find(':')));
  // A host without a dot (localhost, an intranet name) is no site a copy would credit.
  if (host.size() >= 4 && host.find('.') != std::string_view::npos) {
    add(std::string(host));
    if (!path.empty()) add(std::string(host) + std::string(path));
  }
  std::string_view name = Trim(source);
  const bool written_as_name = std::any_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.';
  });
  if (name.size() >= 2 && written_as_name) add(IsAddress(name) ? std::string(WithoutWww(LowerAscii(name))) : std::string(name));
}

std::vector<std::string> NamesMentioned(std::string_view text, const std::vector<std::string>& names) {
  std::vector<std::string> out;
  std::string lower;
  bool lowered = false;
  for (const std::string& name : names) {
    const bool address = IsAddress(name);
    if (address && !lowered) lower = LowerAscii(text), lowered = true;
    const std::string_view hay = address ? std::string_view(lower) : text;
    for (size_t at = hay.find(name); at != std::string_view::npos; at = hay.find(name, at + 1)) {
      const size_t end = at + name.size();
      // An address may follow a subdomain or a scheme ("news.bbc.co.uk", "https://"), not a
      // longer host ("my-bbc.co.uk").
      const bool starts = at == 0 || (!WordByte(hay[at - 1]) && !(address && hay[at - 1] == '-'));
      const bool ends = end == hay.size() || (!WordByte(hay[end]) && !(address && hay[end] == '-'));
      if (starts && ends) {
        out.push_back(name);
        break;
      }
    }
  }
  return out;
}

Credits CompareCredits(const std::vector<std::string>& a_names, const std::vector<std::string>& a_mentions,
                       const std::vector<std::string>& b_names, const std::vector<std::string>& b_mentions) {
  auto credit = [](const std::vector<std::string>& own, const std::vector<std::string>& mentions,
                   const std::vector<std::string>& other, const std::vector<std::string>& other_mentions) {
    for (const std::string& name : other)
      if (Contains(mentions, name) && !Contains(other_mentions, name) && !Contains(own, name)) return name;
    return std::string();
  };
  return {credit(a_names, a_mentions, b_names, b_mentions), credit(b_names, b_mentions, a_names, a_mentions)};
}

int RevisionMark(std::string_view text) {
  // Slugs open the text; the head of a wire story is short, so only its first line is read.
  std::string_view head = Trim(text.substr(0, text.find('\n')));
  while (!head.empty() && (head.front() == '\r' || head.front() == ' ')) head.remove_prefix(1);
  static constexpr std::array<std::string_view, 11> kSlugs = {"CORRECTED", "CORRECTION", "CORRECTS", "RPT", "REPEAT", "REFILED",
                                                              "REFILE", "UPDATED", "UPDATES", "UPDATE", "WRAPUP"};
  for (std::string_view slug : kSlugs) {
    if (!head.starts_with(slug)) continue;
    std::string_view rest = head.substr(slug.size());
    int number = 0;
    if (slug == "UPDATE" && rest.size() >= 2 && rest[0] == ' ' && rest[1] >= '1' && rest[1] <= '9') {
      size_t k = 1;
      while (k < rest.size() && rest[k] >= '0' && rest[k] <= '9' && number < 1000) number = number * 10 + (rest[k++] - '0');
      rest.remove_prefix(k);
    }
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (!rest.empty() && (rest.front() == '-' || rest.front() == ':')) return 1 + number;
  }
  static constexpr std::array<std::string_view, 4> kNoticeLines = {"Correction:", "Clarification:", "Update:", "Updated:"};
  for (size_t line = 0; line < text.size();) {
    std::string_view rest = text.substr(line);
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    for (std::string_view notice : kNoticeLines)
      if (rest.starts_with(notice)) return 1;
    const size_t next = text.find('\n', line);
    line = next == std::string_view::npos ? text.size() : next + 1;
  }
  const std::string lower = LowerAscii(text);
  static constexpr std::array<std::string_view, 2> kWhat = {"article", "story"};
  for (std::string_view what : kWhat) {
    const std::string thing(what);
    if (lower.find("an earlier version of this " + thing) != std::string::npos) return 1;
    for (std::string_view tense : {"has been", "was"})
      for (std::string_view change : {"updated", "corrected", "amended"})
        if (lower.find("this " + thing + " " + std::string(tense) + " " + std::string(change)) != std::string::npos) return 1;
  }
  return 0;
}

}  // namespace copytrail
