using KevySpec.Load.Nemesis;

namespace KevySpec.Load.Tests.Nemesis;

public class LabNamesTests
{
    [Fact]
    public void Names_carry_the_owner_pid_and_the_run_number()
    {
        var names = LabNames.For(4321, 2);

        Assert.Equal("ksn-4321-2", names.Prefix);
        Assert.Equal("ksn-4321-2-sw", names.Switch);
        Assert.Equal("ksn-4321-2-n3", names.Namespace("n3"));
        Assert.Equal(4321, LabNames.OwnerOf(names.Switch));
        Assert.Equal(4321, LabNames.OwnerOf(names.Namespace("n3")));
    }

    [Theory]
    [InlineData("ksn-")]
    [InlineData("ksn-abc-1-n1")]
    [InlineData("ksn-12-1-")]
    [InlineData("ksn-12-n1")]
    [InlineData("xksn-12-1-n1")]
    [InlineData("kevy-12-1-n1")]
    [InlineData("ksn-12-1-n1 (id: 3)")]
    [InlineData("ksn-99999999999-1-n1")]
    public void Names_of_other_owners_are_not_claimed(string name) => Assert.Null(LabNames.OwnerOf(name));

    [Fact]
    public void Addresses_come_from_the_benchmarking_range_one_per_member()
    {
        Assert.Equal("198.18.0.1", LabNames.Address(0).ToString());
        Assert.Equal("198.18.0.200", LabNames.Address(LabNames.MaxNodes - 1).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => LabNames.Address(LabNames.MaxNodes));
        Assert.Throws<ArgumentOutOfRangeException>(() => LabNames.Address(-1));
    }

    [Fact]
    public void Switch_ports_fit_linux_interface_names()
    {
        Assert.True(LabNames.SwitchPort("n200").Length <= 15);
    }
}
