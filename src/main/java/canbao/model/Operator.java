package canbao.model;

/** A person who signs in at this counter: the login every write is recorded under, a name, a role. */
public record Operator(String login, String name, Role role) {
}
