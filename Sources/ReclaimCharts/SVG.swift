/// A node of an SVG document: an element or escaped text.
///
/// Charts build a tree of these values and ``SVGElement/render()`` serialises it, escaping
/// every attribute value and text, so a container or task name from the database can never
/// break the markup. Tests inspect the tree instead of parsing text.
public enum SVGContent: Sendable, Equatable {
    case element(SVGElement)
    case text(String)
}

/// One SVG element: its name, attributes in order, and children.
public struct SVGElement: Sendable, Equatable {
    /// One `name="value"` pair.
    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var name: String
    public var attributes: [Attribute]
    public var children: [SVGContent]

    public init(_ name: String, _ attributes: [(String, String)] = [], children: [SVGContent] = []) {
        self.name = name
        self.attributes = attributes.map { Attribute($0.0, $0.1) }
        self.children = children
    }

    /// An element with text content (`<title>`, `<text>`).
    public init(_ name: String, _ attributes: [(String, String)] = [], text: String) {
        self.init(name, attributes, children: [.text(text)])
    }

    /// The value of attribute `name`, if set.
    public subscript(attribute: String) -> String? {
        attributes.first { $0.name == attribute }?.value
    }

    /// Appends a child element.
    public mutating func append(_ element: SVGElement) { children.append(.element(element)) }

    /// Appends child elements.
    public mutating func append(contentsOf elements: [SVGElement]) {
        children.append(contentsOf: elements.map(SVGContent.element))
    }

    /// Every element of the tree, depth first, this one included.
    public var descendants: [SVGElement] {
        [self] + children.flatMap { child -> [SVGElement] in
            if case .element(let element) = child { return element.descendants }
            return []
        }
    }

    /// The concatenated text of the tree.
    public var textContent: String {
        children.map { child in
            switch child {
            case .text(let text): text
            case .element(let element): element.textContent
            }
        }.joined()
    }

    /// The element as SVG markup (no XML declaration; fit for inline use in HTML).
    ///
    /// - Complexity: O(n) in the size of the tree.
    public func render() -> String {
        var out = ""
        render(into: &out)
        return out
    }

    private func render(into out: inout String) {
        out += "<" + name
        for attribute in attributes {
            out += " " + attribute.name + "=\"" + SVGElement.escape(attribute.value, quotes: true) + "\""
        }
        if children.isEmpty {
            out += "/>"
            return
        }
        out += ">"
        for child in children {
            switch child {
            case .text(let text): out += SVGElement.escape(text, quotes: false)
            case .element(let element): element.render(into: &out)
            }
        }
        out += "</" + name + ">"
    }

    /// XML escaping of `&`, `<`, `>` and, in attribute values, `"`.
    public static func escape(_ text: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
