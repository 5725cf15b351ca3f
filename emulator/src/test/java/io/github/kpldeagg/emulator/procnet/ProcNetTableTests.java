package io.github.kpldeagg.emulator.procnet;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The kernel's socket tables, on lines as Linux writes them. */
class ProcNetTableTests {

	private static final String TCP = """
			  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
			   0: 0100007F:8AE1 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1 0000000000000000 100 0 0 10 0
			   1: 0100007F:C350 0100007F:8AE1 01 00000000:00000000 00:00000000 00000000     0        0 1002 1 0000000000000000 20 4 30 10 -1
			   2: 0F02000A:D6D8 0101A8C0:01BB 02 00000001:00000000 01:00000064 00000002     0        0 1003 1 0000000000000000 100 0 0 10 -1
			""";

	private static final String TCP6 = """
			  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
			   0: 00000000000000000000000001000000:1F90 00000000000000000000000001000000:D431 01 00000000:00000000 00:00000000 00000000     0        0 2001 1 0000000000000000 20 4 0 10 -1
			   1: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000100007F:D432 01 00000000:00000000 00:00000000 00000000     0        0 2002 1 0000000000000000 20 4 0 10 -1
			   2: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2003 1 0000000000000000 100 0 0 10 0
			   3: 0000000000000000FFFF00000F02000A:D433 B80D0120000000000000000001000000:01BB 02 00000001:00000000 01:00000064 00000002     0        0 2004 1 0000000000000000 100 0 0 10 -1
			""";

	@Test
	void readsIpv4RowsWithTheirPeersAndInodes() {
		List<ProcNetTable.Row> rows = ProcNetTable.parse("tcp", TCP);

		assertThat(rows).extracting(ProcNetTable.Row::inode).containsExactly(1001L, 1002L, 1003L);
		assertThat(rows.get(0).local()).hasToString("127.0.0.1:35553");
		assertThat(rows.get(0).remote().unspecified()).as("a listening socket has no peer").isTrue();
		assertThat(rows).extracting(ProcNetTable.Row::listening).containsExactly(true, false, false);
		assertThat(rows.get(1).remote()).hasToString("127.0.0.1:35553");
		assertThat(rows.get(1).remote().loopback()).isTrue();
		assertThat(rows.get(2).remote()).hasToString("192.168.1.1:443");
		assertThat(rows.get(2).remote().loopback()).as("a connection being opened to a LAN address").isFalse();
	}

	@Test
	void readsIpv6RowsIncludingIpv4MappedOnes() {
		List<ProcNetTable.Row> rows = ProcNetTable.parse("tcp6", TCP6);

		assertThat(rows.get(0).remote().address().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
		assertThat(rows.get(0).remote().loopback()).isTrue();
		assertThat(rows.get(1).remote().address().getHostAddress()).isEqualTo("127.0.0.1");
		assertThat(rows.get(1).remote().loopback()).isTrue();
		assertThat(rows.get(2).remote().unspecified()).isTrue();
		assertThat(rows).extracting(ProcNetTable.Row::listening).containsExactly(false, false, true, false);
		assertThat(rows.get(3).remote().address().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
		assertThat(rows.get(3).remote().loopback()).isFalse();
	}

}
