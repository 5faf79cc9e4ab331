package canbao.model;

/**
 * Where a {@link Problem} is: nowhere in particular, a field of the request or form, an element of a
 * list field (a category, a covered year), a field of member N of a household or request, or a column
 * of a line of an imported file. Code that finds a problem builds its location; screens read it as it
 * is (member index, field); only the edges — the {@code enroll}/{@code quote} JSON answers, the hub,
 * an import's list — turn it into text with {@link #text()} ({@code members[1].idNumber},
 * {@code 第12行 身份证号}).
 */
public sealed interface Location {

    Location NONE = new None();

    /** The input as a whole. */
    record None() implements Location {
    }

    /** A field by its name, dotted when it is a field of a part ({@code household.phone}, {@code enrollment.tier}). */
    record Field(String name) implements Location {
        public Field {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a field has a name");
            }
        }
    }

    /** Element {@code index} (from 0) of the list field {@code field}, or its part ({@code categories[0].code}). */
    record Item(String field, int index, String part) implements Location {
        public Item {
            if (field == null || field.isEmpty() || index < 0 || part == null) {
                throw new IllegalArgumentException("an item is an element of a named list");
            }
        }
    }

    /** Member {@code index} (from 0) of a household or request, and where in it ({@link #NONE}: the member itself). */
    record Member(int index, Location within) implements Location {
        public Member {
            if (index < 0 || within instanceof Member || within instanceof Cell) {
                throw new IllegalArgumentException("a member's location is one of its fields");
            }
        }
    }

    /** A column of a line (from 1) of an imported file. */
    record Cell(int line, String column) implements Location {
    }

    /** A field by name; the empty name is {@link #NONE}. */
    static Location field(String name) {
        return name == null || name.isEmpty() ? NONE : new Field(name);
    }

    /** Element {@code index} of the list field {@code field}. */
    static Location item(String field, int index) {
        return new Item(field, index, "");
    }

    /** A field of member {@code index}: {@code member(1, "idNumber")}. */
    static Location member(int index, String field) {
        return new Member(index, field(field));
    }

    static Location cell(int line, String column) {
        return new Cell(line, column);
    }

    /** This location (a field of one person) as that of member {@code index}. */
    default Location inMember(int index) {
        if (this instanceof Member || this instanceof Cell) {
            throw new IllegalStateException(this + " is not a field of one person");
        }
        return new Member(index, this);
    }

    /** This location as one of the part {@code parent}: {@code idNumber} under {@code member} is {@code member.idNumber}. */
    default Location under(String parent) {
        if (parent.isEmpty()) {
            return this;
        }
        if (this instanceof None) {
            return new Field(parent);
        } else if (this instanceof Field field) {
            return new Field(parent + "." + field.name());
        } else if (this instanceof Item item) {
            return new Item(parent + "." + item.field(), item.index(), item.part());
        }
        throw new IllegalStateException(this + " is not a field of a part");
    }

    /** The field {@code name} of this location: {@code enrollment} then {@code paymentDate}. */
    default Location child(String name) {
        if (this instanceof None) {
            return new Field(name);
        } else if (this instanceof Field field) {
            return new Field(field.name() + "." + name);
        } else if (this instanceof Item item) {
            return new Item(item.field(), item.index(), item.part().isEmpty() ? name : item.part() + "." + name);
        } else if (this instanceof Member member) {
            return new Member(member.index(), member.within().child(name));
        }
        throw new IllegalStateException(this + " has no fields");
    }

    /** Element {@code index} of the list field this location names: {@code coveredYears} then {@code coveredYears[1]}. */
    default Location element(int index) {
        if (this instanceof Field field) {
            return new Item(field.name(), index, "");
        } else if (this instanceof Member member) {
            return new Member(member.index(), member.within().element(index));
        }
        throw new IllegalStateException(this + " is not a list field");
    }

    /**
     * The field this location names, without the member or element it is of: {@code idNumber} for
     * member 1's ID number, {@code categories} for a category, the column for a cell, "" for none.
     */
    default String name() {
        if (this instanceof Field field) {
            return field.name();
        } else if (this instanceof Item item) {
            return item.part().isEmpty() ? item.field() : item.field() + "." + item.part();
        } else if (this instanceof Member member) {
            return member.within().name();
        } else if (this instanceof Cell cell) {
            return cell.column();
        }
        return "";
    }

    /** The member this location is of, or -1. */
    default int memberIndex() {
        return this instanceof Member member ? member.index() : -1;
    }

    /** The location as the answers write it: {@code members[1].idNumber}, {@code categories[0]}, {@code 第12行 身份证号}. */
    default String text() {
        if (this instanceof Field field) {
            return field.name();
        } else if (this instanceof Item item) {
            return item.field() + "[" + item.index() + "]" + (item.part().isEmpty() ? "" : "." + item.part());
        } else if (this instanceof Member member) {
            String within = member.within().text();
            return "members[" + member.index() + "]" + (within.isEmpty() ? "" : "." + within);
        } else if (this instanceof Cell cell) {
            return "第" + cell.line() + "行 " + cell.column();
        }
        return "";
    }
}
