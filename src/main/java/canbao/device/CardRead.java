package canbao.device;

/** What one read of the reader gave: a card, no card on it, no reader found, or a failure. */
public sealed interface CardRead {

    /** A card was read. */
    record Card(IdCard card) implements CardRead {
    }

    /** The reader answers, but no card lies on it (请放卡). */
    record NoCard() implements CardRead {
    }

    /** No reader is connected, or its vendor library is not installed (未找到读卡器). */
    record NoReader() implements CardRead {
    }

    /**
     * The read failed. {@code messageKey} is a message of the bundles ({@code reader.failed},
     * {@code reader.restarted}, …), {@code detail} its one argument (never personal data).
     */
    record Failed(String messageKey, String detail) implements CardRead {
    }

    CardRead NO_CARD = new NoCard();
    CardRead NO_READER = new NoReader();
}
