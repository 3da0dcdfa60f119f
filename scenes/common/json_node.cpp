#include "scenes/common/json_node.h"

#include <cmath>

namespace tessera {

void JsonNode::fail(const std::string& what) const {
  throw_error("scene file " + *m_source + ": " + (m_path.empty() ? std::string("top level") : "key '" + m_path + "'") +
              ": " + what);
}

JsonNode JsonNode::operator[](std::string_view key) const {
  if (!m_value->is_object()) fail("expected an object");
  const auto it = m_value->find(key);
  const std::string child = m_path.empty() ? std::string(key) : m_path + "." + std::string(key);
  if (it == m_value->end()) JsonNode(*m_value, child, *m_source).fail("missing");
  return JsonNode(*it, child, *m_source);
}

JsonNode JsonNode::at(std::size_t index) const {
  if (!m_value->is_array()) fail("expected an array");
  if (index >= m_value->size()) fail("has no element " + std::to_string(index));
  return JsonNode((*m_value)[index], m_path + "[" + std::to_string(index) + "]", *m_source);
}

std::size_t JsonNode::size() const {
  if (!m_value->is_array()) fail("expected an array");
  return m_value->size();
}

void JsonNode::only(std::initializer_list<std::string_view> allowed) const {
  only(std::span<const std::string_view>(allowed.begin(), allowed.size()));
}

void JsonNode::only(std::span<const std::string_view> allowed) const {
  if (!m_value->is_object()) fail("expected an object");
  for (const auto& item : m_value->items()) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == item.key();
    if (!known) {
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      const std::string child = m_path.empty() ? item.key() : m_path + "." + item.key();
      JsonNode(item.value(), child, *m_source).fail("unknown key (allowed here: " + list + ")");
    }
  }
}

double JsonNode::number() const {
  if (!m_value->is_number()) fail("expected a number, got " + std::string(m_value->type_name()));
  const double v = m_value->get<double>();
  if (!std::isfinite(v)) fail("expected a finite number");
  return v;
}

std::int64_t JsonNode::integer() const {
  if (!m_value->is_number_integer()) fail("expected an integer, got " + std::string(m_value->type_name()));
  return m_value->get<std::int64_t>();
}

bool JsonNode::boolean() const {
  if (!m_value->is_boolean()) fail("expected true or false, got " + std::string(m_value->type_name()));
  return m_value->get<bool>();
}

std::string JsonNode::string() const {
  if (!m_value->is_string()) fail("expected a string, got " + std::string(m_value->type_name()));
  return m_value->get<std::string>();
}

Vec3 JsonNode::vec3() const {
  const std::size_t n = size();
  if (n != 2 && n != 3) fail("expected 2 or 3 numbers");
  Vec3 v{at(0).number(), at(1).number(), n == 3 ? at(2).number() : 0.0};
  return v;
}

}  // namespace tessera
