package canbao.model;

/** 户: a family on one household register (户口簿). The head is the member whose relation is 户主. */
public record Household(String id, String number, String village, String groupName, String address, String phone,
                        Audit audit) {
}
