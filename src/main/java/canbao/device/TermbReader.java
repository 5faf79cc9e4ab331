package canbao.device;

import com.sun.jna.Library;
import com.sun.jna.ptr.IntByReference;
import java.time.LocalDate;

/**
 * The termb family (华视 CVR and the many readers that copy its API): {@code CVR_InitComm(port)} → 1,
 * {@code CVR_Authenticate()} → 1 when a card is there, {@code CVR_Read_Content(active)} → 1, then one
 * {@code GetPeopleXxx(char *buffer, int *length)} per field in GBK, {@code CVR_CloseComm()}. Runs only
 * inside the reader helper process ({@link ReaderHelper}): vendor code never runs in the counter's.
 */
final class TermbReader implements CardReader {

    /**
     * The library as a C caller sees it: cdecl as the Linux libtermb.so exports it, stdcall as termb.dll
     * does (the convention is chosen when it is loaded: {@link VendorLibraries}).
     */
    interface Termb extends Library {
        int CVR_InitComm(int port);

        int CVR_Authenticate();

        int CVR_Read_Content(int active);

        int CVR_CloseComm();

        int GetPeopleName(byte[] buffer, IntByReference length);

        int GetPeopleSex(byte[] buffer, IntByReference length);

        int GetPeopleNation(byte[] buffer, IntByReference length);

        int GetPeopleBirthday(byte[] buffer, IntByReference length);

        int GetPeopleAddress(byte[] buffer, IntByReference length);

        int GetPeopleIDCode(byte[] buffer, IntByReference length);

        int GetDepartment(byte[] buffer, IntByReference length);

        int GetStartDate(byte[] buffer, IntByReference length);

        int GetEndDate(byte[] buffer, IntByReference length);
    }

    private static final int OK = 1;
    /** CVR_Read_Content's usual argument: read the text (the photo file, if any, is not used). */
    private static final int READ_TEXT = 4;
    private static final int FIELD_BYTES = 256;

    private final Termb library;
    private int port;

    /** the one port to open, or null to scan them all */
    private final Integer only;

    private TermbReader(Termb library, Integer only) {
        this.library = library;
        this.only = only;
    }

    /**
     * @param port the one port to open, or null to scan USB 1001–1016 then serial 1–16
     * @throws UnsatisfiedLinkError when the library (libtermb.so, termb.dll) is not installed
     */
    static TermbReader load(String name, Integer port) {
        return new TermbReader(VendorLibraries.load(name, Termb.class), port);
    }

    @Override
    public CardRead read() {
        if (port == 0 && !connect()) {
            // a port named by the administrator that does not open: absent there, or held by another program
            return only == null ? CardRead.NO_READER : new CardRead.Failed("reader.portNotOpened", only.toString());
        }
        if (library.CVR_Authenticate() != OK) {
            return CardRead.NO_CARD;
        }
        int read = library.CVR_Read_Content(READ_TEXT);
        if (read != OK) {
            return new CardRead.Failed("reader.failed", "CVR_Read_Content " + read);
        }
        String birth = field(library::GetPeopleBirthday);
        String end = field(library::GetEndDate);
        LocalDate validTo = end != null && end.contains(CardJson.FOR_LIFE) ? null : VendorText.date(end);
        return new CardRead.Card(new IdCard(field(library::GetPeopleName), VendorText.sex(field(library::GetPeopleSex)),
                VendorText.ethnicity(field(library::GetPeopleNation)), VendorText.date(birth),
                field(library::GetPeopleAddress), field(library::GetPeopleIDCode), field(library::GetDepartment),
                VendorText.date(field(library::GetStartDate)), validTo));
    }

    private boolean connect() {
        for (int candidate : only == null ? VendorText.ports() : new int[] {only}) {
            if (library.CVR_InitComm(candidate) == OK) {
                port = candidate;
                return true;
            }
        }
        return false;
    }

    private interface Getter {
        int get(byte[] buffer, IntByReference length);
    }

    private static String field(Getter getter) {
        byte[] buffer = new byte[FIELD_BYTES];
        IntByReference length = new IntByReference(FIELD_BYTES);
        if (getter.get(buffer, length) != OK) {
            return null;
        }
        int given = length.getValue();
        return VendorText.decode(buffer, 0, given > 0 && given <= FIELD_BYTES ? given : FIELD_BYTES, VendorText.GBK);
    }

    @Override
    public void close() {
        if (port != 0) {
            library.CVR_CloseComm();
            port = 0;
        }
    }
}
