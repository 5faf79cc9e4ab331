package canbao.device;

/**
 * The port to an identity-card reader (MOSIP's device-service idea: the screens know this, never a
 * vendor). One read at a time; a read does not wait for a card, it says what is on the reader now.
 */
public interface CardReader extends AutoCloseable {

    CardRead read();

    @Override
    default void close() {
    }

    /** A reader that is not there: the counter types every number (the setting "none"). */
    CardReader NONE = () -> CardRead.NO_READER;
}
