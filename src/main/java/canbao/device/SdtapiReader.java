package canbao.device;

import com.sun.jna.Library;
import com.sun.jna.ptr.IntByReference;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The sdtapi family (the 公安部 reference API: 新中新, 精伦 and others): {@code SDT_OpenPort(port)} → 0x90,
 * {@code SDT_StartFindIDCard} → 0x9f when a card is there, {@code SDT_SelectIDCard} → 0x90,
 * {@code SDT_ReadBaseMsg} → 0x90 with 256 bytes of UCS-2LE text in fixed fields and the photo, which is
 * wiped at once. Runs only inside the reader helper process ({@link ReaderHelper}).
 */
final class SdtapiReader implements CardReader {

    interface Sdtapi extends Library {
        int SDT_OpenPort(int port);

        int SDT_ClosePort(int port);

        int SDT_StartFindIDCard(int port, byte[] manageInfo, int openPort);

        int SDT_SelectIDCard(int port, byte[] manageInfo, int openPort);

        int SDT_ReadBaseMsg(int port, byte[] text, IntByReference textLength, byte[] photo,
                            IntByReference photoLength, int openPort);
    }

    private static final int OK = 0x90;
    private static final int CARD_FOUND = 0x9f;
    private static final int TEXT_BYTES = 256;
    private static final int PHOTO_BYTES = 1024;
    /** Byte widths of the text's fields, in order (GA 467): name, sex, nation, birth, address, number,
     * authority, valid from, valid to; the rest is reserved. */
    private static final int[] FIELDS = {30, 2, 4, 16, 70, 36, 30, 16, 16};

    private final Sdtapi library;
    private int port;

    /** the one port to open, or null to scan them all */
    private final Integer only;

    private SdtapiReader(Sdtapi library, Integer only) {
        this.library = library;
        this.only = only;
    }

    /**
     * @param port the one port to open, or null to scan USB 1001–1016 then serial 1–16
     * @throws UnsatisfiedLinkError when the library (libsdtapi.so, sdtapi.dll) is not installed
     */
    static SdtapiReader load(String name, Integer port) {
        return new SdtapiReader(VendorLibraries.load(name, Sdtapi.class), port);
    }

    @Override
    public CardRead read() {
        if (port == 0 && !connect()) {
            // a port named by the administrator that does not open: absent there, or held by another program
            return only == null ? CardRead.NO_READER : new CardRead.Failed("reader.portNotOpened", only.toString());
        }
        byte[] manage = new byte[8];
        if (library.SDT_StartFindIDCard(port, manage, 0) != CARD_FOUND) {
            return CardRead.NO_CARD;
        }
        int selected = library.SDT_SelectIDCard(port, manage, 0);
        if (selected != OK) {
            return CardRead.NO_CARD; // the card was lifted between finding and selecting
        }
        byte[] text = new byte[TEXT_BYTES];
        byte[] photo = new byte[PHOTO_BYTES * 2];
        IntByReference textLength = new IntByReference(TEXT_BYTES);
        IntByReference photoLength = new IntByReference(photo.length);
        int read;
        try {
            read = library.SDT_ReadBaseMsg(port, text, textLength, photo, photoLength, 0);
        } finally {
            Arrays.fill(photo, (byte) 0);
        }
        if (read != OK) {
            return new CardRead.Failed("reader.failed", "SDT_ReadBaseMsg " + Integer.toHexString(read));
        }
        String[] values = new String[FIELDS.length];
        int offset = 0;
        for (int i = 0; i < FIELDS.length; i++) {
            values[i] = VendorText.decode(text, offset, FIELDS[i], VendorText.UCS2);
            offset += FIELDS[i];
        }
        LocalDate validTo = values[8].contains(CardJson.FOR_LIFE) ? null : VendorText.date(values[8]);
        return new CardRead.Card(new IdCard(values[0], VendorText.sex(values[1]), VendorText.ethnicity(values[2]),
                VendorText.date(values[3]), values[4], values[5], values[6], VendorText.date(values[7]), validTo));
    }

    private boolean connect() {
        for (int candidate : only == null ? VendorText.ports() : new int[] {only}) {
            if (library.SDT_OpenPort(candidate) == OK) {
                port = candidate;
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (port != 0) {
            library.SDT_ClosePort(port);
            port = 0;
        }
    }
}
