using KevySpec.Load.Nemesis;

namespace KevySpec.Load.Tests.Nemesis;

public class ProcessProbeTests
{
    [Fact]
    public void The_resident_set_is_read_from_the_status_text()
    {
        const string status = "Name:\tKevySpec.Load\nVmPeak:\t  300000 kB\nVmRSS:\t   65432 kB\nThreads:\t20\n";

        Assert.Equal(65432L * 1024, ProcessProbe.ParseResident(status));
        Assert.Null(ProcessProbe.ParseResident("Name:\tx\n"));
    }

    [Fact]
    public void Send_queues_are_summed_over_connections_and_listeners_left_out()
    {
        const string table =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
            "   0: 01001EC6:1B58 00000000:0000 0A 00000005:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0\n" +
            "   1: 01001EC6:1B58 02001EC6:9C40 01 00000100:00000000 01:00000014 00000000     0        0 2 1 0 20 4 30 10 -1\n" +
            "   2: 01001EC6:A000 03001EC6:1B58 02 0000000A:00000000 01:00000014 00000003     0        0 3 1 0 20 4 30 10 -1\n";

        Assert.Equal(0x100 + 0xA, ProcessProbe.ParseSendQueue(table));
        Assert.Equal(0, ProcessProbe.ParseSendQueue(""));
    }

    [Fact]
    public void This_process_can_be_probed()
    {
        Assert.True(ProcessProbe.ResidentBytes(Environment.ProcessId) > 0);
        Assert.NotNull(ProcessProbe.SendQueueBytes(Environment.ProcessId));
        Assert.Null(ProcessProbe.ResidentBytes(int.MaxValue));
    }
}
