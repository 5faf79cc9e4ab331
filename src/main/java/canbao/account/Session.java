package canbao.account;

import canbao.model.Operator;
import canbao.store.DataKey;
import canbao.store.Database;
import java.time.Clock;

/** A signed-in operator with the data folder's database opened by his password. */
public record Session(Database database, Operator operator, Keyring keyring, DataKey key) implements AutoCloseable {

    public Accounts accounts(Clock clock) {
        return new Accounts(database, keyring, key, clock);
    }

    @Override
    public void close() {
        database.close();
    }
}
