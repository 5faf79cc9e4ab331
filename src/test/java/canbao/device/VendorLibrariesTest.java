package canbao.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.win32.StdCallFunctionMapper;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How the vendor's library is called, as a function of the JVM's os.name and os.arch: stdcall with its
 * decorated names on 32-bit Windows only (termb.dll and sdtapi.dll are __stdcall); the one convention of
 * 64-bit Windows and the cdecl of Linux need no option (and JNA refuses stdcall off Windows).
 */
class VendorLibrariesTest {

    @ParameterizedTest(name = "{0} / {1}: stdcall {2}")
    @CsvSource(textBlock = """
            # os.name,   os.arch, stdcall
            Windows 10,  x86,     true
            Windows 7,   x86,     true
            Windows XP,  i386,    true
            Windows 11,  i686,    true
            Windows 10,  amd64,   false
            Windows 11,  x86_64,  false
            Windows 11,  aarch64, false
            Linux,       amd64,   false
            Linux,       x86,     false
            Linux,       i386,    false
            Linux,       aarch64, false
            Mac OS X,    x86_64,  false
            """)
    void stdcallOn32BitWindowsOnly(String osName, String osArch, boolean stdcall) {
        Map<String, Object> options = VendorLibraries.options(osName, osArch);
        assertEquals(stdcall, VendorLibraries.windows32(osName, osArch));
        if (stdcall) {
            assertEquals(Function.ALT_CONVENTION, options.get(Library.OPTION_CALLING_CONVENTION));
            // finds _CVR_InitComm@4 when the DLL exports decorated names, else CVR_InitComm
            assertInstanceOf(StdCallFunctionMapper.class, options.get(Library.OPTION_FUNCTION_MAPPER));
            assertEquals(2, options.size());
        } else {
            assertTrue(options.isEmpty(), () -> "no option for " + osName + " " + osArch + ": " + options);
        }
    }
}
